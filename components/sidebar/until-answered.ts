/**
 * A request the background must answer even when its service worker is stopped meanwhile (the
 * contact log after an insert: losing it under-counts the contact caps). The port's loss or an
 * answer that never came is retried once the link is back; an answer that is an error is final.
 * Only requests that are safe to repeat (the background keys them by a request id) go through here.
 */
export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** Whether this failure was the link's (retry) rather than the background's answer (give up). */
  isTransient(error: unknown): boolean;
  /** Resolves when it is worth trying again (the port reconnected, or a pause passed). */
  beforeRetry(attempt: number): Promise<void>;
}

export async function untilAnswered<T>(call: () => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= opts.attempts || !opts.isTransient(error)) throw error;
      await opts.beforeRetry(attempt);
    }
  }
}

/** The link's own failures, as `useHub`'s rpc reports them. */
export const LINK_ERRORS = new Set(['disconnected', 'timeout']);
export const isLinkError = (error: unknown): boolean => error instanceof Error && LINK_ERRORS.has(error.message);
