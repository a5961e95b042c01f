// Filling a sentence's `{name}` placeholders, numbers in the language's own format. Shared
// by the full translator and the compose panel's smaller one.

export type Params = Record<string, string | number>;

/** The placeholders a sentence uses, e.g. ['remaining', 'of']. */
export function placeholders(sentence: string): string[] {
  return [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

export function fill(sentence: string, params: Params | undefined, numbers: Intl.NumberFormat): string {
  if (!params) return sentence;
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}
