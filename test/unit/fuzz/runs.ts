// How many cases each fuzz property runs: modest in `npm test`, more on demand
// (RAMPART_FUZZ_RUNS=5000 npx vitest run --project unit test/unit/fuzz).
export const FUZZ_RUNS = Number(process.env.RAMPART_FUZZ_RUNS ?? 200);

/** Logged so a run records how many cases it tried. */
export function reportCases(what: string, cases: number): void {
  console.log(`fuzz: ${what}: ${cases} cases`);
}
