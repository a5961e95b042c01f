import { ask } from '@/lib/ask';

// Today's cap, asked for by this module's body: main.tsx imports it before anything
// else, so the request leaves before the other modules of the page are evaluated.
export const capToday = ask('capToday', {});
