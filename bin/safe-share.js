#!/usr/bin/env node
// `safe-share <command>`: backup, restore, migrate, check-config (src/cli/index.ts; `safe-share help`).
// Runs the same build as bin/start.js, chosen and checked the same way (bin/server-build.js).
import { join } from 'node:path';
import { assertNodeVersion, importServerModule } from './server-build.js';

assertNodeVersion();
const { runCommand } = await importServerModule(join(import.meta.dirname, '..'), 'cli/index');
process.exitCode = await runCommand(process.argv.slice(2), process.env);
