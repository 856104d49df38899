import { ExchangeError } from './http-client';

export interface RetryPolicy {
  /** Attempts in all, the first included (at least 1). */
  attempts: number;
  /** Wait before the second attempt; doubled before each later one. */
  delayMs: number;
  signal?: AbortSignal;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails for good (an error that is not a transient
 * ExchangeError), or has been tried `attempts` times; then throws the last error.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: (index: number) => Promise<T>): Promise<T> {
  let delay = policy.delayMs;
  for (let index = 0; ; index += 1) {
    try {
      return await attempt(index);
    } catch (error) {
      const transient = error instanceof ExchangeError && error.transient;
      if (!transient || index + 1 >= policy.attempts || policy.signal?.aborted) throw error;
    }
    await pause(delay, policy.signal);
    delay *= 2;
  }
}
