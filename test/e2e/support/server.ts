/** The real server with the built web app (web/dist) and the demo provider, on a private database. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../../src/config.ts';
import { WEB_DIST } from '../../../src/http/web-app.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { launchBrowser } from './browser.ts';

export async function startServerWithWebApp(config: Partial<Config> = {}): Promise<TestApp> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist is missing: the e2e tests run after `npm run build` (npm test does that)');
  }
  return startTestApp({ dialect: 'sqlite', webRoot: WEB_DIST, config });
}

export interface E2eWorld {
  readonly server: TestApp;
  readonly browser: Browser;
}

/** Starts a server (with `config` over the test defaults) and a browser for the calling describe block. */
export function useServerAndBrowser(config: Partial<Config> = {}): E2eWorld {
  const world = {} as { server: TestApp; browser: Browser };
  beforeAll(async () => {
    world.server = await startServerWithWebApp(config);
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.close();
  });
  return world;
}
