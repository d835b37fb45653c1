/** R5: one instance per SQLite data folder; the lock is the kernel's, so it ends with its holder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireInstanceLock, InstanceLockedError } from '../../../src/store/instance-lock.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'safe-share-lock-'));
  folders.push(folder);
  return folder;
}

describe('acquireInstanceLock', () => {
  it('R5: a second holder of the same folder is refused at once, with a message naming the folder', () => {
    const folder = dataDir();
    const first = acquireInstanceLock(folder);
    let refusal: unknown;
    try {
      acquireInstanceLock(folder, 'safe-share restore');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InstanceLockedError);
    expect((refusal as Error).message).toContain(folder);
    expect((refusal as Error).message).toContain('PostgreSQL');
    expect((refusal as Error).message).toContain('safe-share restore');
    first.release();
  });

  it('R5: released, the folder can be taken again; another folder is independent', () => {
    const folder = dataDir();
    const first = acquireInstanceLock(folder);
    const other = acquireInstanceLock(dataDir());
    first.release();
    first.release(); // idempotent
    const again = acquireInstanceLock(folder);
    again.release();
    other.release();
  });
});
