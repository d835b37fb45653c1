/** A restart keeps unopened secrets openable and opened ones gone: the store is durable, the app stateless. */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { openSecret, shareSecret, toCustomer } from '../support/secrets.ts';
import { signIn } from '../support/sign-in.ts';

describe.each(DIALECTS)('restart on %s', (dialect) => {
  let second: TestApp | undefined;
  afterAll(() => second?.close());

  it('O2, R2: unopened secrets survive a restart; opened ones stay gone', async () => {
    const first = await startTestApp({ dialect });
    const [sven, carla] = await Promise.all([signIn(first.baseUrl, 'sven'), signIn(first.baseUrl, 'carla')]);
    const kept = await shareSecret(sven, 'survives', toCustomer('carla@acme.test'));
    const burned = await shareSecret(sven, 'burned', toCustomer('carla@acme.test'));
    expect((await openSecret(carla, burned.id, burned.linkKey)).plaintext).toBe('burned');
    await first.stop();

    second = await startTestApp({ dialect, database: first.database, clock: first.clock });
    const carlaAgain = await signIn(second.baseUrl, 'carla');
    expect((await openSecret(carlaAgain, burned.id, burned.linkKey)).body.error.code).toBe('secret.gone');
    expect((await openSecret(carlaAgain, kept.id, kept.linkKey)).plaintext).toBe('survives');
  });
});
