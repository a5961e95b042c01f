/**
 * Calls the emulator's control routes at `url`: GET without a body, POST with one; a
 * non-2xx answer throws with its text. One helper for every browser harness.
 */
export function awsControlAt(url: string) {
  return async function awsControl<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
