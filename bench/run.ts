/**
 * `npm run bench` (issue 10): starts the service as child processes of `bin/start.js`, signs in through
 * the demo provider with a real code flow, and measures with ~1 KB ciphertexts at 32 connections after a
 * warm-up: create, open-and-burn (each pre-created secret opened once, checked, then a second open of
 * each must fail), a bare Fastify route and the store alone. Embedded SQLite always; PostgreSQL, one
 * instance and two behind round-robin, when DATABASE_URL is set. Prints one table and writes
 * bench/results/<date>-<dialect>.json.
 *
 * BENCH_SECONDS (default 10) and BENCH_WARMUP_SECONDS (default 3) set the phase lengths.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/connection.ts';
import { signIn } from '../test/support/sign-in.ts';
import { startCpuMeter } from './cpu.ts';
import { type BenchDatabase, databaseName, postgresDatabase, sqliteDatabase } from './databases.ts';
import { type Figures, measureDistinct, measureRepeated, type Target } from './load.ts';
import { rssBytes, sampleRss, startBareServer, startService } from './processes.ts';
import { type BenchReport, machine, type SetupResult, table, writeResults } from './report.ts';
import { countRaceFailures, countSecondOpens, createThroughApi, openRequests, sealMany } from './secrets.ts';
import { measureStoreAlone } from './store-alone.ts';

const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? '10');
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? '3');
/** Secrets raced on both instances at once in the two-instance setup. */
const RACED_SECRETS = 200;
/** Upper bound on pre-created secrets, so a very fast run does not spend minutes sealing. */
const MAX_SECRETS = 40_000;
const IDLE_SETTLE_MS = 1000;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const root = mkdtempSync(join(tmpdir(), 'safe-share-bench-'));

/** Enough secrets for `seconds` at `rps`, with 10% to spare. */
const secretsFor = (rps: number, seconds: number) =>
  Math.min(MAX_SECRETS, Math.max(200, Math.ceil(rps * seconds * 1.1)));

/** Size of an open's answer, measured in the first setup; the bare route answers the same. */
let openAnswerBytes = 0;

async function measureSetup(
  name: string,
  dialect: 'sqlite' | 'postgres',
  instances: number,
  database: BenchDatabase,
): Promise<Omit<SetupResult, 'storeAlone'>> {
  log(`${name}: starting ${instances} instance(s)`);
  const services = [];
  for (let i = 0; i < instances; i++) {
    // One after the other: the first runs the migrations.
    services.push(await startService({ ...database, logFile: join(root, `${name}-${i}.log`) }));
  }
  try {
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const rssIdle = services.map((service) => rssBytes(service.pid));
    const urls = services.map((service) => service.baseUrl);
    const first = urls[0] as string;
    const [sven, carla] = [await signIn(first, 'sven'), await signIn(first, 'carla')];
    const svenId = (await sven.api('GET', '/api/me')).body.account.id as string;
    const cookieOf = (client: typeof sven) => client.jar.headerFor(new URL(first)) ?? '';
    const sender: Target = { urls, path: '/api/secrets', headers: { cookie: cookieOf(sven) } };
    const opener: Target = { urls, path: '/', headers: { cookie: cookieOf(carla) } };
    const pids = services.map((service) => service.pid);
    const sampler = sampleRss(pids);
    const meter = () => startCpuMeter(pids);

    log(`${name}: create`);
    const [createBody] = await sealMany(1, 0, svenId);
    const create = await measureRepeated(sender, createBody?.body ?? '', {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      seconds: SECONDS,
      status: 201,
      meter,
    });

    const warm = secretsFor(create.rps, WARMUP_SECONDS);
    const measured = secretsFor(create.rps, SECONDS);
    log(`${name}: sealing and pre-creating ${warm} + ${measured} secrets`);
    const created = await createThroughApi(urls, cookieOf(sven), await sealMany(warm + measured, 0, svenId));
    // The bare route answers as many bytes as an open does.
    const requests = openRequests(created).map((request) => ({
      ...request,
      check: (status: number, body: string) => {
        openAnswerBytes ||= Buffer.byteLength(body);
        return request.check(status, body);
      },
    }));
    log(`${name}: open-and-burn`);
    const warmFigures = await measureDistinct(opener, requests.slice(0, warm), { connections: CONNECTIONS });
    const open = await measureDistinct(opener, requests.slice(warm), { connections: CONNECTIONS, meter });
    const rssPeak = sampler.stop();

    log(`${name}: checking second opens`);
    const secondOpensNot404 = await countSecondOpens(urls, cookieOf(carla), created);
    let raceFailures: number | undefined;
    if (instances > 1) {
      const raced = await createThroughApi(urls, cookieOf(sven), await sealMany(RACED_SECRETS, 1e6, svenId));
      raceFailures = await countRaceFailures(urls, cookieOf(carla), raced);
    }
    return {
      setup: name,
      dialect,
      instances,
      create,
      open,
      rssIdle,
      rssPeak,
      checks: {
        wrongOpens: warmFigures.failures + open.failures,
        secondOpensNot404,
        ...(raceFailures === undefined ? {} : { raceFailures }),
      },
    };
  } finally {
    await Promise.all(services.map((service) => service.stop()));
  }
}

async function storeAlone(database: BenchDatabase, createRps: number) {
  const store = await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl });
  try {
    const warm = secretsFor(createRps, WARMUP_SECONDS);
    const sealed = await sealMany(warm + secretsFor(createRps, SECONDS));
    return await measureStoreAlone(store, {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      seconds: SECONDS,
      sealed,
      openWarmup: warm,
      meter: () => startCpuMeter([]),
    });
  } finally {
    await store.close();
  }
}

/**
 * Idle RSS of an instance configured as in production: a real issuer (discovery is lazy, so none needs to
 * answer), hence no demo provider loaded. The measured setups run the demo provider to sign in.
 */
async function productionIdleRss(): Promise<number> {
  const service = await startService({
    ...sqliteDatabase(root, 'production-idle'),
    logFile: join(root, 'production-idle.log'),
    env: { OIDC_ISSUER: 'https://idp.example.test', OIDC_CLIENT_SECRET: 'bench-not-a-secret' },
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    return rssBytes(service.pid);
  } finally {
    await service.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const setups: SetupResult[] = [];
  const rssIdleProduction = await productionIdleRss();

  const sqlite = await measureSetup('SQLite, 1 instance', 'sqlite', 1, sqliteDatabase(root, 'sqlite'));
  log('SQLite: store alone');
  const sqliteStore = await storeAlone(sqliteDatabase(root, 'sqlite-store'), sqlite.create.rps);
  setups.push({ ...sqlite, storeAlone: sqliteStore });

  const pgUrl = process.env.DATABASE_URL;
  if (pgUrl) {
    const name = databaseName(pgUrl);
    const one = await measureSetup(
      'PostgreSQL, 1 instance',
      'postgres',
      1,
      await postgresDatabase(pgUrl, root, name),
    );
    log('PostgreSQL: store alone');
    const pgStore = await storeAlone(await postgresDatabase(pgUrl, root, `${name}_store`), one.create.rps);
    setups.push({ ...one, storeAlone: pgStore });
    const two = await measureSetup(
      'PostgreSQL, 2 instances',
      'postgres',
      2,
      await postgresDatabase(pgUrl, root, name),
    );
    // One PostgreSQL serves both instances: the store-alone reference is the same database's.
    setups.push({ ...two, storeAlone: pgStore });
  }

  log('bare Fastify route');
  const bareServer = await startBareServer({ bodyBytes: openAnswerBytes, logFile: join(root, 'bare.log') });
  let bare: Figures;
  try {
    const [body] = await sealMany(1);
    bare = await measureRepeated(
      { urls: [bareServer.baseUrl], path: '/bare', headers: {} },
      body?.body ?? '',
      {
        connections: CONNECTIONS,
        warmupSeconds: WARMUP_SECONDS,
        seconds: SECONDS,
        status: 200,
        meter: () => startCpuMeter([bareServer.pid]),
      },
    );
  } finally {
    await bareServer.stop();
  }

  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    settings: {
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      ciphertextBytes: 1024,
      openAndBurnDriver: 'autocannon, amount = secrets, setupRequest takes the next id',
      logLevel: 'info (service logs one JSON line per request to a file)',
    },
    bare,
    rssIdleProduction,
    setups,
  };
  process.stdout.write(`${table(report)}\n\n`);
  for (const s of setups) {
    process.stdout.write(
      `${s.setup}: ${s.create.requests} creates, ${s.open.requests} opens; wrong opens ${s.checks.wrongOpens}, ` +
        `second opens not 404 ${s.checks.secondOpensNot404}` +
        (s.checks.raceFailures === undefined
          ? ''
          : `, races without exactly one winner ${s.checks.raceFailures}`) +
        '\n',
    );
  }
  for (const path of writeResults(report, join(import.meta.dirname, 'results'))) log(`wrote ${path}`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const failed = setups.some(
    (s) => s.checks.wrongOpens > 0 || s.checks.secondOpensNot404 > 0 || (s.checks.raceFailures ?? 0) > 0,
  );
  rmSync(root, { recursive: true, force: true });
  if (failed) {
    log('FAILED: burn-once checks (see above)');
    process.exitCode = 1;
  }
}

await main();
