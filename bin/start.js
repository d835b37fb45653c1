#!/usr/bin/env node
// Entry point. Plain JavaScript so that an older Node gets a clear message instead of a syntax or
// loader error: the server itself is TypeScript run by Node 24's type stripping.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Safe Share needs Node.js 24 or newer; this is ${process.version}. ` +
      'Start it through npm (npm start), which uses the Node 24 that npm ci installs.',
  );
  process.exit(1);
}
const { main } = await import('../src/main.ts');
await main(process.env);
