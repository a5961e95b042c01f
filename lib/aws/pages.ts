import { RampartError } from './errors';

// SES's paginators follow NextToken for as long as one comes: a listing that gives a
// token it gave before (a bug on the way, a proxy replaying a page) would be read for
// ever. Each token is checked against those already followed, and a repeat is an error.

/** A check for one listing: call it with each page's NextToken (and a starting token). */
export function pageTokens(what: string): (token: unknown) => void {
  const seen = new Set<unknown>();
  return (token) => {
    if (token === undefined || token === null || token === '') return;
    if (seen.has(token)) {
      throw new RampartError(
        'listing-loops',
        `SES’s ${what} gave the same page token twice, so it would never end: Rampart stopped reading it.`,
      );
    }
    seen.add(token);
  };
}
