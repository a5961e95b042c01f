import { badRequest } from '../http/errors';
import type { TokenCodec } from './next-token';

/** Unsigned tokens, refused as BadRequestException: the operations whose SES model has no InvalidNextTokenException. */
const plainTokens: TokenCodec = {
  issue: (after) => Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url'),
  read(token) {
    try {
      const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
      if (typeof decoded.after !== 'string') throw new Error('no key');
      return decoded.after;
    } catch {
      throw badRequest('The NextToken is not valid.');
    }
  },
};

/**
 * Token paging over a sorted list: the token names the last key handed out, so a page
 * stays right when entries are added or removed between calls.
 */
export function pageOf<T>(
  sorted: T[],
  pageSize: unknown,
  nextToken: unknown,
  keyOf: (item: T) => string,
  limits: { max: number; fallback: number } = { max: 1000, fallback: 1000 },
  tokens: TokenCodec = plainTokens,
): { items: T[]; nextToken?: string } {
  let size = limits.fallback;
  if (pageSize !== undefined && pageSize !== null && pageSize !== '') {
    size = Number(pageSize);
    if (!Number.isInteger(size) || size < 1 || size > limits.max) {
      throw badRequest(`PageSize must be an integer between 1 and ${limits.max}.`);
    }
  }
  let start = 0;
  if (typeof nextToken === 'string' && nextToken !== '') {
    const after = tokens.read(nextToken);
    // The first item after the token's key, by binary search: the list is sorted by
    // keyOf, and a scan would build every key before it (100,000 for a large list).
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (keyOf(sorted[mid]!) > after) high = mid;
      else low = mid + 1;
    }
    start = low;
  }
  const items = sorted.slice(start, start + size);
  const more = start + size < sorted.length;
  return {
    items,
    nextToken: more ? tokens.issue(keyOf(items[items.length - 1]!)) : undefined,
  };
}
