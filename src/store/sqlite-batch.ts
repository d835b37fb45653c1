/**
 * One batch of the embedded database's group commit (sqlite-group-commit.ts, decision 0018): the writes
 * that share one transaction, and the error each of them gets when that transaction did not commit.
 */

/** One transaction of writes: how many operations joined it, and its COMMIT's outcome. */
export class Batch {
  operations = 0;
  readonly committed: Promise<void>;
  settle!: (error?: unknown) => void;

  constructor() {
    this.committed = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Rejections are seen by each operation that awaits; a batch nobody awaits must not crash the process.
    this.committed.catch(() => {});
  }
}

/**
 * Every operation of a batch that did not commit. It carries the SQLite error's codes, so the HTTP layer
 * tells an unavailable database (disk full, I/O error: 503, R3) from anything else as it did before.
 */
export class BatchLostError extends Error {
  readonly code: unknown;
  readonly errcode: unknown;

  constructor(cause: unknown) {
    super('the batch of writes holding this statement was rolled back', { cause });
    const codes = (cause ?? {}) as { code?: unknown; errcode?: unknown };
    this.code = codes.code;
    this.errcode = codes.errcode;
  }
}
