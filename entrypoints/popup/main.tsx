import { ask } from '@/lib/ask';
import '@/components/popup/popup.css';

// Today's cap is asked for before React and the popup's components are loaded: the round
// trip to the background runs while they load, and the first paint waits for whichever
// is slower, not for both in turn.
const capToday = ask('capToday', {});
void import('./mount').then(({ mount }) => mount(document.getElementById('root')!, capToday));
