// First: its body sends the `capToday` message.
import { capToday } from './cap-today-request';
import { paintCapToday } from '@/components/popup/first-paint';
import { ask } from '@/lib/ask';
import type { CapTodayView } from '@/lib/dashboard/view';
import '@/components/popup/popup.css';

// Today's cap is asked for first thing, and painted alone (first-paint.ts) as soon as it
// arrives; React — most of the popup's script — is loaded after that paint, so its
// evaluation never holds the number back, while the dashboard's round trip runs during
// it. Should the cap be slow to come (a background waking up), React does not wait for
// it longer than WAIT_FOR_CAP_MS and shows the popup as it loads. An awake background
// answers well within it (15–75 ms measured on a loaded machine); React loading while the
// answer comes in would hold the paint back by its own evaluation.
const WAIT_FOR_CAP_MS = 300;

const root = document.getElementById('root')!;
let arrived: CapTodayView | undefined;
let mounted = false;

function mountPopup(): void {
  if (mounted) return;
  mounted = true;
  // After the cap: the rest of the popup's data, read while React loads.
  const dashboard = capToday.then(
    () => ask('dashboard', {}),
    () => ask('dashboard', {}),
  );
  void import('./mount').then(({ mount }) => mount(root, { capToday, arrived, dashboard }));
}

capToday
  .then((view) => {
    arrived = view;
    if (!mounted) paintCapToday(root, view);
  })
  .catch(() => {}) // Popup.tsx shows the error
  .finally(mountPopup);
setTimeout(mountPopup, WAIT_FOR_CAP_MS);
