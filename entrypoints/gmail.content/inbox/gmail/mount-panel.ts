import type { Compose } from '@/entrypoints/gmail.content/inbox/adapter';
import { reportMissing } from './report-missing';
import { findSendButton } from './send-button';
import { RAMPART_HOST } from './selectors';

/**
 * A wrapper element beside Gmail's Send, in the compose's own toolbar, for the compose
 * UI's shadow root. Where Send cannot be found the wrapper goes at the top of the
 * compose (never on <body>), so the panel can still say what it cannot read.
 */
export function mountPanel(compose: Compose): HTMLElement {
  compose.element.querySelector(RAMPART_HOST)?.remove();
  const wrapper = document.createElement('div');
  wrapper.setAttribute('data-rampart-host', compose.composeId);
  wrapper.style.display = 'inline-block';
  wrapper.style.verticalAlign = 'middle';
  wrapper.style.position = 'relative';
  wrapper.style.marginLeft = '8px';

  const send = findSendButton(compose.element);
  if (send) {
    // Beside the Send group (Send and its schedule menu), inside the same toolbar cell.
    const group = send.parentElement && send.parentElement !== compose.element ? send.parentElement : send;
    group.insertAdjacentElement('afterend', wrapper);
  } else {
    reportMissing(compose.element, 'send button');
    wrapper.style.display = 'block';
    wrapper.style.marginLeft = '0';
    compose.element.prepend(wrapper);
  }
  return wrapper;
}
