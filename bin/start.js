#!/usr/bin/env node
// Entry point of the service: `npm start` builds, then runs this; a release runs it as it is. Plain
// JavaScript, so an older Node gets a clear message instead of a syntax or loader error.
//
// It runs dist/, the server with its types stripped ahead of time (decision 0007), when dist/build.json
// says that build belongs to the src/ beside it (or, in a release without src/, to package.json's
// version); a build of other sources is refused, never run and never replaced by the sources in silence.
// A fresh clone without a build runs src/ (decision 0011).
import { join } from 'node:path';
import { assertNodeVersion, importServerModule } from './server-build.js';

assertNodeVersion();
const { main } = await importServerModule(join(import.meta.dirname, '..'), 'main');
await main(process.env);
