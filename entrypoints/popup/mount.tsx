import { createRoot } from 'react-dom/client';
import { Popup } from '@/components/popup/Popup';
import type { CapTodayView } from '@/lib/dashboard/view';

export function mount(root: HTMLElement, capToday: Promise<CapTodayView>, arrived: CapTodayView | undefined): void {
  createRoot(root).render(<Popup capToday={capToday} arrived={arrived} />);
}
