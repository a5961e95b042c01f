import type { CapTodayView } from './view';

// The toolbar badge: the number the popup leads with (what I may still send today, under
// whichever limit binds), so it is seen without opening anything. It is set from the same
// held `capToday` view the popup paints first, whenever the background serves or
// refreshes that view: a popup opened, a sync, a send settled.

/** At most four characters fit on the badge. */
export function badgeText(view: CapTodayView): string {
  const remaining = view.cap.view?.remaining;
  if (remaining === undefined || remaining === null) return '';
  return remaining > 999 ? '999+' : String(Math.max(0, Math.floor(remaining)));
}

/** Red when nothing is left today, green otherwise (the popup's colours). */
export function badgeColor(view: CapTodayView): string {
  return view.cap.view?.remaining === 0 ? '#b3261e' : '#146c2e';
}

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

/** Shows the view's number on the toolbar icon; a failure only leaves the badge as it was. */
export async function showCapBadge(view: CapTodayView, action: BadgeApi): Promise<void> {
  try {
    await action.setBadgeBackgroundColor({ color: badgeColor(view) });
    await action.setBadgeText({ text: badgeText(view) });
  } catch {
    // The badge is a convenience: the popup says the same, and says it when opened.
  }
}
