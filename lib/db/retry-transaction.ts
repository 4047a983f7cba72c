/** Deadlock and serialization failures: PostgreSQL asks for the transaction to be run again. */
const TRANSIENT_CODES = new Set(["40P01", "40001"]);

export const isTransientFailure = (e: unknown): boolean => TRANSIENT_CODES.has((e as { code?: string }).code ?? "");

/**
 * Runs `attempt` (one whole transaction) up to `attempts` times while it fails with a transient
 * failure, or with an error `retryable` accepts; any other error, or the last one, is thrown.
 */
export async function retryTransaction<T>(attempt: () => Promise<T>, opts: { attempts: number; retryable?: (e: unknown) => boolean }): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      const retry = isTransientFailure(e) || (opts.retryable?.(e) ?? false);
      if (n >= opts.attempts || !retry) throw e;
    }
  }
}
