import { ask } from '@/lib/ask';
import type { CapTodayView } from '@/lib/dashboard/view';
import '@/components/popup/popup.css';

// Today's cap is asked for first thing, before React and the popup's components are
// loaded: the round trip to the background runs while they load. Whichever comes first
// paints: the cap alone (first-paint.ts) when the answer beats React, else React with
// everything.
const root = document.getElementById('root')!;
const capToday = ask('capToday', {});
const firstPaint = import('@/components/popup/first-paint');
let arrived: CapTodayView | undefined;
let mounted = false;
capToday.then(
  async (view) => {
    arrived = view;
    const { paintCapToday } = await firstPaint;
    if (!mounted) paintCapToday(root, view);
  },
  () => {}, // Popup.tsx shows the error
);
void import('./mount').then(({ mount }) => {
  mounted = true;
  mount(root, capToday, arrived);
});
