import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';

describe.each(DIALECTS)('boot on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect });
  });
  afterAll(() => t?.close());

  it('answers an unknown route with a stable code and a localised message (X7)', async () => {
    const response = await fetch(`${t.baseUrl}/nope`, { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body.error.code).toBe('route.not_found');
    expect(body.error.message).toBe('Diese Seite oder Adresse gibt es nicht.');
  });
});
