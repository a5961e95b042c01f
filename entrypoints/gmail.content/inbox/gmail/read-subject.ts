import { SUBJECT, queryFirst } from './selectors';

/** The subject (`subjectbox` in a pop-out, `subject` inline); null when not found. */
export function readSubject(compose: ParentNode): string | null {
  const input = queryFirst<HTMLInputElement>(compose, SUBJECT);
  return input ? input.value : null;
}
