import { createRoot } from 'react-dom/client';
import { Popup, type PopupReads } from '@/components/popup/Popup';

export function mount(root: HTMLElement, reads: PopupReads): void {
  createRoot(root).render(<Popup {...reads} />);
}
