/**
 * GitHub answers a rate-limited request with 403 or 429 and a `retry-after` header (seconds). The
 * actions make a handful of REST calls, so one wait-and-retry per request, bounded, is enough; a
 * longer wait, or a second refusal, is passed on to the caller (the guard then keeps the review in the
 * summary; regenerate reports the pushed branch).
 */

/** The longest `retry-after` the actions wait for, in seconds. */
export const MAX_RETRY_AFTER_SECONDS = 60;

/** The part of Octokit's hook API used here (its own types are too narrow to name without @octokit/core). */
interface RequestHook {
  hook: {
    wrap(
      name: 'request',
      wrapper: (request: (options: unknown) => Promise<unknown>, options: unknown) => Promise<unknown>,
    ): void;
  };
}

/** Seconds to wait before retrying `error`, or undefined when it is no rate-limit answer worth waiting for. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { headers?: Record<string, unknown> } };
  if (e.status !== 403 && e.status !== 429) return undefined;
  const raw = e.response?.headers?.['retry-after'];
  const seconds = Number(raw);
  if (raw === undefined || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_RETRY_AFTER_SECONDS)
    return undefined;
  return seconds;
}

/** Makes every request of `octokit` wait out one rate-limit answer and retry once. */
export function retryOnRateLimit<T extends { hook: unknown }>(octokit: T): T {
  (octokit as unknown as RequestHook).hook.wrap('request', async (request, options) => {
    try {
      return await request(options);
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (seconds === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      return request(options);
    }
  });
  return octokit;
}
