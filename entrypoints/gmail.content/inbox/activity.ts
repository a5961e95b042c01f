import { isTestBuild } from '@/lib/core/profile';

// In test builds, every callback the content script runs is counted and mirrored into
// an attribute on <html>, so a test can prove that an idle compose costs nothing.
// (The attribute is outside every observer's filter: writing it wakes no one.)

let callbacks = 0;

export function countCallback(): void {
  if (!isTestBuild) return;
  callbacks += 1;
  document.documentElement.setAttribute('data-rampart-callbacks', String(callbacks));
}

/** Test builds: a named counter (mounts, unmounts) mirrored the same way. */
export function countEvent(name: 'mounts' | 'unmounts'): void {
  if (!isTestBuild) return;
  const attribute = `data-rampart-${name}`;
  const current = Number(document.documentElement.getAttribute(attribute) ?? 0);
  document.documentElement.setAttribute(attribute, String(current + 1));
}
