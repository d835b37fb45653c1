/** The real server with the built web app (web/dist) and the demo provider, on a private database. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_DIST } from '../../../src/http/web-app.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';

export async function startServerWithWebApp(): Promise<TestApp> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist is missing: the e2e tests run after `npm run build` (npm test does that)');
  }
  return startTestApp({ dialect: 'sqlite', webRoot: WEB_DIST });
}
