/**
 * Runs `body` and returns the promise rejections no one handled meanwhile, including those
 * that surface within `settleMs` after it ends (a fuzz run's "no unhandled rejection").
 */
export async function unhandledRejectionsDuring(body: () => Promise<unknown>, settleMs = 0): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await body();
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return unhandled;
}
