/**
 * `npm run bench` (issue 10): starts the service as child processes of `bin/start.js`, signs in through
 * the demo provider with a real code flow, and measures with ~1 KB ciphertexts at 32 connections after a
 * warm-up: create, open-and-burn (each pre-created secret opened once, checked, then a second open of
 * each must fail), a bare Fastify route and the store alone. Embedded SQLite always; PostgreSQL, one
 * instance and two behind round-robin, when DATABASE_URL is set. Prints one table (with CPU µs per
 * request and the HTTP overhead, issue 22) and writes bench/results/<date>-<dialect>.json.
 *
 * Arguments measure a part only, and --profile samples the service's CPU: see options.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/connection.ts';
import { signIn } from '../test/support/sign-in.ts';
import { startCpuMeter } from './cpu.ts';
import {
  type BenchDatabase,
  databaseName,
  postgresDatabase,
  postgresTransport,
  sqliteDatabase,
} from './databases.ts';
import { type Bracket, type Figures, measureDistinct, measureRepeated, type Target } from './load.ts';
import { benchOptions, type Phase } from './options.ts';
import { rssBytes, sampleRss, startBareServer, startService } from './processes.ts';
import { Inspector, type ProfileSummary, profileTable, summarise } from './profile.ts';
import {
  type BenchReport,
  machine,
  type PhaseFigures,
  type SetupResult,
  table,
  writeResults,
} from './report.ts';
import { countRaceFailures, countSecondOpens, createThroughApi, openRequests, sealMany } from './secrets.ts';
import { measureStoreAlone } from './store-alone.ts';

const options = benchOptions(process.argv.slice(2), process.env);
const CONNECTIONS = 32;
const SECONDS = options.seconds;
const WARMUP_SECONDS = options.warmupSeconds;
/** Secrets raced on both instances at once in the two-instance setup. */
const RACED_SECRETS = 200;
/** Upper bound on pre-created secrets, so a very fast run does not spend minutes sealing. */
const MAX_SECRETS = 40_000;
/** The create rate assumed for sizing the open phase when the create phase is not measured. */
const ASSUMED_RPS = 2500;
const IDLE_SETTLE_MS = 1000;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const root = mkdtempSync(join(tmpdir(), 'safe-share-bench-'));

/** Enough secrets for `seconds` at `rps`, with 10% to spare. */
const secretsFor = (rps: number, seconds: number) =>
  Math.min(MAX_SECRETS, Math.max(200, Math.ceil(rps * seconds * 1.1)));

/** Size of an open's answer, measured in the first setup; the bare route answers the same. */
let openAnswerBytes = 0;

/**
 * With --profile: samples every instance's CPU over the measured phase and keeps one summary per
 * instance in `into[phase]`; without, nothing.
 */
function profiler(
  inspectors: readonly string[],
  phase: Phase,
  into: Partial<Record<Phase, ProfileSummary[]>>,
): Bracket | undefined {
  if (!options.profile) return undefined;
  return async () => {
    const sessions = await Promise.all(inspectors.map((url) => Inspector.connect(url)));
    const stops = await Promise.all(sessions.map((session) => session.start()));
    return async () => {
      const profiles = await Promise.all(stops.map((stop) => stop()));
      for (const session of sessions) session.close();
      into[phase] = profiles.map(summarise);
      // BENCH_PROFILE_DIR keeps the raw profiles, for Chrome DevTools or a closer look.
      const dir = process.env.BENCH_PROFILE_DIR;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        profiles.forEach((profile, i) => {
          const file = join(dir, `${Date.now()}-${phase}-${i + 1}.cpuprofile`);
          writeFileSync(file, JSON.stringify(profile));
          log(`raw profile: ${file}`);
        });
      }
    };
  };
}

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
    services.push(
      await startService({
        ...database,
        logFile: join(root, `${name}-${i}.log`),
        inspect: options.profile,
      }),
    );
  }
  try {
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const rssIdle = services.map((service) => rssBytes(service.pid));
    const urls = services.map((service) => service.baseUrl);
    const inspectors = services.flatMap((service) => (service.inspector ? [service.inspector] : []));
    const first = urls[0] as string;
    const [sven, carla] = [await signIn(first, 'sven'), await signIn(first, 'carla')];
    const svenId = (await sven.api('GET', '/api/me')).body.account.id as string;
    const cookieOf = (client: typeof sven) => client.jar.headerFor(new URL(first)) ?? '';
    const sender: Target = { urls, path: '/api/secrets', headers: { cookie: cookieOf(sven) } };
    const opener: Target = { urls, path: '/', headers: { cookie: cookieOf(carla) } };
    const pids = services.map((service) => service.pid);
    const sampler = sampleRss(pids);
    const meter = () => startCpuMeter(pids);
    const profiles: Partial<Record<Phase, ProfileSummary[]>> = {};

    let create: Figures | undefined;
    if (options.phases.has('create')) {
      log(`${name}: create`);
      const [createBody] = await sealMany(1, 0, svenId);
      create = await measureRepeated(sender, createBody?.body ?? '', {
        connections: CONNECTIONS,
        warmupSeconds: WARMUP_SECONDS,
        seconds: SECONDS,
        status: 201,
        meter,
        bracket: profiler(inspectors, 'create', profiles),
        ...(options.rate === undefined ? {} : { rate: options.rate }),
      });
    }

    let open: Figures | undefined;
    let secondOpensNot404 = 0;
    let wrongOpens = 0;
    if (options.phases.has('open')) {
      const rps = create?.rps ?? options.rate ?? ASSUMED_RPS;
      const warm = secretsFor(rps, WARMUP_SECONDS);
      const measured = secretsFor(rps, SECONDS);
      log(`${name}: sealing and pre-creating ${warm} + ${measured} secrets`);
      const created = await createThroughApi(
        urls,
        cookieOf(sven),
        await sealMany(warm + measured, 0, svenId),
      );
      // The bare route answers as many bytes as an open does.
      const requests = openRequests(created).map((request) => ({
        ...request,
        check: (status: number, body: string) => {
          openAnswerBytes ||= Buffer.byteLength(body);
          return request.check(status, body);
        },
      }));
      log(`${name}: open-and-burn`);
      const warmFigures = await measureDistinct(opener, requests.slice(0, warm), {
        connections: CONNECTIONS,
      });
      open = await measureDistinct(opener, requests.slice(warm), {
        connections: CONNECTIONS,
        meter,
        bracket: profiler(inspectors, 'open', profiles),
        ...(options.rate === undefined ? {} : { rate: options.rate }),
      });
      wrongOpens = warmFigures.failures + open.failures;
      log(`${name}: checking second opens`);
      secondOpensNot404 = await countSecondOpens(urls, cookieOf(carla), created);
    }
    const rssPeak = sampler.stop();

    let raceFailures: number | undefined;
    if (instances > 1) {
      const raced = await createThroughApi(urls, cookieOf(sven), await sealMany(RACED_SECRETS, 1e6, svenId));
      raceFailures = await countRaceFailures(urls, cookieOf(carla), raced);
    }
    return {
      setup: name,
      dialect,
      instances,
      ...(create ? { create } : {}),
      ...(open ? { open } : {}),
      rssIdle,
      rssPeak,
      checks: {
        wrongOpens,
        secondOpensNot404,
        ...(raceFailures === undefined ? {} : { raceFailures }),
      },
      ...(options.profile ? { profiles } : {}),
    };
  } finally {
    await Promise.all(services.map((service) => service.stop()));
  }
}

/**
 * The store alone. By default the reference as issue 22 defines it: SQLite committing one operation at a
 * time (no group commit); `groupCommit` runs it with the service's default batch bound instead.
 */
async function storeAlone(
  database: BenchDatabase,
  createRps: number | undefined,
  groupCommit = false,
): Promise<PhaseFigures> {
  const store = await openStore({
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    ...(groupCommit ? {} : { sqliteBatchMax: 1 }),
  });
  try {
    const rps = createRps ?? ASSUMED_RPS;
    const warm = secretsFor(rps, WARMUP_SECONDS);
    const sealed = await sealMany(options.phases.has('open') ? warm + secretsFor(rps, SECONDS) : 1);
    return await measureStoreAlone(store, {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      seconds: SECONDS,
      sealed,
      openWarmup: warm,
      meter: () => startCpuMeter([]),
      phases: options.phases,
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
  const only = options.setups;
  const rssIdleProduction = only.has('idle') ? await productionIdleRss() : undefined;
  const withStore = async (
    result: Omit<SetupResult, 'storeAlone'>,
    database: () => Promise<BenchDatabase>,
    label: string,
  ): Promise<SetupResult> => {
    if (!options.storeAlone) return result;
    log(`${label}: store alone`);
    return { ...result, storeAlone: await storeAlone(await database(), result.create?.rps) };
  };

  if (only.has('sqlite')) {
    const sqlite = await measureSetup('SQLite, 1 instance', 'sqlite', 1, sqliteDatabase(root, 'sqlite'));
    const measured = await withStore(sqlite, async () => sqliteDatabase(root, 'sqlite-store'), 'SQLite');
    if (options.storeAlone) {
      log('SQLite: store alone, group commit');
      const database = sqliteDatabase(root, 'sqlite-store-group-commit');
      setups.push({
        ...measured,
        storeAloneGroupCommit: await storeAlone(database, sqlite.create?.rps, true),
      });
    } else {
      setups.push(measured);
    }
  }

  const pgUrl = process.env.DATABASE_URL;
  if (pgUrl && (only.has('postgres') || only.has('postgres2'))) {
    const name = databaseName(pgUrl);
    const pgStoreDatabase = () => postgresDatabase(pgUrl, root, `${name}_store`);
    let pgStore: PhaseFigures | undefined;
    if (only.has('postgres')) {
      const one = await measureSetup(
        'PostgreSQL, 1 instance',
        'postgres',
        1,
        await postgresDatabase(pgUrl, root, name),
      );
      const measured = await withStore(one, pgStoreDatabase, 'PostgreSQL');
      pgStore = measured.storeAlone;
      setups.push(measured);
    }
    if (only.has('postgres2')) {
      const two = await measureSetup(
        'PostgreSQL, 2 instances',
        'postgres',
        2,
        await postgresDatabase(pgUrl, root, name),
      );
      // One PostgreSQL serves both instances: the store-alone reference is the same database's.
      setups.push(
        pgStore ? { ...two, storeAlone: pgStore } : await withStore(two, pgStoreDatabase, 'PostgreSQL'),
      );
    }
  }

  let bare: Figures | undefined;
  if (only.has('bare')) {
    log('bare Fastify route');
    const bareServer = await startBareServer({
      bodyBytes: openAnswerBytes || 1500,
      logFile: join(root, 'bare.log'),
    });
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
      ...(pgUrl ? { postgresTransport: postgresTransport(pgUrl) } : {}),
      ...(options.full
        ? {}
        : { setups: [...only], phases: [...options.phases], storeAlone: options.storeAlone }),
      ...(options.profile
        ? { profiled: 'V8 sampling profiler over each measured HTTP phase, 500 µs interval' }
        : {}),
    },
    ...(bare ? { bare } : {}),
    ...(rssIdleProduction === undefined ? {} : { rssIdleProduction }),
    setups,
  };
  process.stdout.write(`${table(report)}\n\n`);
  for (const s of setups) {
    process.stdout.write(
      `${s.setup}: ${s.create?.requests ?? 0} creates, ${s.open?.requests ?? 0} opens; wrong opens ${s.checks.wrongOpens}, ` +
        `second opens not 404 ${s.checks.secondOpensNot404}` +
        (s.checks.raceFailures === undefined
          ? ''
          : `, races without exactly one winner ${s.checks.raceFailures}`) +
        '\n',
    );
    for (const [phase, summaries] of Object.entries(s.profiles ?? {})) {
      summaries?.forEach((summary, i) => {
        const instance = summaries.length > 1 ? `, instance ${i + 1}` : '';
        process.stdout.write(`\n${profileTable(`${s.setup}, ${phase}${instance}`, summary)}\n`);
      });
    }
  }
  const partial = !options.full;
  for (const path of writeResults(report, join(import.meta.dirname, 'results'), partial))
    log(`wrote ${path}`);
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
