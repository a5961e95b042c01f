// First: its body reads (or, without popup.html's classic script, sends) the `capToday` message.
import { capToday, firstRequest } from './cap-today-request';
import { paintFirst } from './first-request';
import { ask } from '@/lib/protocol/ask';
import type { CapTodayView } from '@/lib/dashboard/view';
import '@/components/popup/popup.css';

// Today's cap is asked for first thing, and painted alone (first-paint.ts) as soon as it
// arrives: by popup.html's classic script, or here if it could not (first-request.ts).
// React — most of the popup's script — is loaded after that paint, so its evaluation
// never holds the number back, while the dashboard's round trip runs during it. Should
// the cap be slow to come (a background waking up), React does not wait for it longer
// than WAIT_FOR_CAP_MS and shows the popup as it loads. An awake background answers well
// within it (15–75 ms measured on a loaded machine); React loading while the answer
// comes in would hold the paint back by its own evaluation.
const WAIT_FOR_CAP_MS = 300;

const root = document.getElementById('root')!;
let arrived: CapTodayView | undefined;

function mountPopup(): void {
  if (firstRequest.mounted) return;
  // From here React owns the page: the first paint stands down.
  firstRequest.mounted = true;
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
    paintFirst(firstRequest, view);
  })
  .catch(() => {}) // Popup.tsx shows the error
  .finally(mountPopup);
setTimeout(mountPopup, WAIT_FOR_CAP_MS);
