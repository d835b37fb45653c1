/**
 * The one polling helper of the tests: waits for something that happens after an answer (a log line
 * written, a process ready), never for time itself. Assertions are made on what it returns, not on how
 * long it took.
 */

export interface PollOptions {
  /** Give up (and fail) after this long. */
  readonly timeoutMs?: number;
  /** Pause between two probes. */
  readonly intervalMs?: number;
}

/**
 * Calls `probe` until it returns a value other than undefined, and returns that value; throws naming
 * `what` after `timeoutMs`.
 * @example const lines = await until(() => (logLines().length >= 2 ? logLines() : undefined), 'two log lines');
 */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  { timeoutMs = 5_000, intervalMs = 20 }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
