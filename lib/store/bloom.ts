// A Bloom filter over suppressed addresses: it answers "certainly not on the list" for
// most recipients without touching IndexedDB, and "maybe" for the few whose row must be
// read. Never a false "not": every address added sets its bits for good.
//
// Sized once for the suppression cache's design point (docs/architecture.md: a million addresses in
// a worker under 64 MB): 2^24 bits (2 MB) and 7 probes give about 0.06% false positives at
// 1,000,000 addresses and 2% at 2,000,000 — a false positive only costs one row read.
// Hand-written: the libraries on npm add hashing we do not need and more bytes than this.

export const BLOOM_BITS = 1 << 24;
export const BLOOM_PROBES = 7;

export interface Bloom {
  /** BLOOM_BITS / 8 bytes. */
  bits: Uint8Array;
}

export function emptyBloom(): Bloom {
  return { bits: new Uint8Array(BLOOM_BITS / 8) };
}

/** Two independent 32-bit hashes of the key (FNV-1a, and FNV-1a with a murmur3 finish). */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b ^= b >>> 16;
  b = Math.imul(b, 0x85ebca6b);
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  // An odd step visits distinct bits for every probe of a power-of-two table.
  return [a >>> 0, (b | 1) >>> 0];
}

export function addToBloom(bloom: Bloom, key: string): void {
  const [h1, h2] = hashes(key);
  const mask = BLOOM_BITS - 1;
  for (let i = 0; i < BLOOM_PROBES; i++) {
    const bit = (h1 + Math.imul(i, h2)) & mask;
    bloom.bits[bit >>> 3]! |= 1 << (bit & 7);
  }
}

/** False: the key was certainly never added. True: it may have been. */
export function mayContain(bloom: Bloom, key: string): boolean {
  const [h1, h2] = hashes(key);
  const mask = BLOOM_BITS - 1;
  for (let i = 0; i < BLOOM_PROBES; i++) {
    const bit = (h1 + Math.imul(i, h2)) & mask;
    if ((bloom.bits[bit >>> 3]! & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}
