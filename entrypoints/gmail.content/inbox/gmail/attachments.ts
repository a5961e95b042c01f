import { findBody } from './read-body';
import { ATTACHED_IMAGE, ATTACHMENT_CHIP, queryFirst } from './selectors';

/**
 * Whether the draft carries attachments: an attachment chip in the compose, or an image
 * in the body that Gmail keeps as an attachment. Rampart sends text and HTML only, so a
 * draft with attachments must not go out through it without them.
 */
export function hasAttachments(compose: ParentNode): boolean {
  const body = findBody(compose);
  const chip = queryFirst(compose, ATTACHMENT_CHIP);
  if (chip && !(body && body.contains(chip))) return true;
  return body ? queryFirst(body, ATTACHED_IMAGE) !== null : false;
}
