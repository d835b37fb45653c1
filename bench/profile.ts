/**
 * CPU profiles of the service over exactly one measured phase (issue 22). The service starts with
 * `--inspect=127.0.0.1:0` (bench only: `--profile`); the bench connects to its inspector over WebSocket
 * and runs V8's sampling profiler from the phase's first request to its last, so start-up, sign-in and
 * warm-up stay out of it. The summary groups self time by where the code lives: a package
 * (node_modules/<pkg>), Node's own JavaScript (node:*), a file of ours (src/...), or V8's pseudo-entries
 * (garbage collector, program, native code without a script).
 */

/** Node prints this on stderr when the inspector listens. */
const INSPECTOR_LINE = /Debugger listening on (ws:\/\/\S+)/;

export function inspectorUrl(logText: string): string | undefined {
  return INSPECTOR_LINE.exec(logText)?.[1];
}

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A connection to one process's inspector; `profile()` brackets a phase. */
export class Inspector {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, (result: unknown) => void>();
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
      if (message.id === undefined) return;
      const resolve = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      resolve?.(message.error ? Promise.reject(new Error(JSON.stringify(message.error))) : message.result);
    });
  }

  static connect(url: string): Promise<Inspector> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.addEventListener('open', () => resolve(new Inspector(socket)), { once: true });
      socket.addEventListener('error', () => reject(new Error(`inspector ${url} unreachable`)), {
        once: true,
      });
    });
  }

  #send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve) => {
      this.#pending.set(id, resolve as (result: unknown) => void);
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Starts sampling (every `intervalUs` µs); the returned function stops it and hands the profile. */
  async start(intervalUs = 500): Promise<() => Promise<CpuProfile>> {
    await this.#send('Profiler.enable');
    await this.#send('Profiler.setSamplingInterval', { interval: intervalUs });
    await this.#send('Profiler.start');
    return async () => {
      const { profile } = await this.#send<{ profile: CpuProfile }>('Profiler.stop');
      await this.#send('Profiler.disable');
      return profile;
    };
  }

  close(): void {
    this.#socket.close();
  }
}

export interface ProfileEntry {
  /** Package, `node internals`, `src/<file>`, or a V8 pseudo-entry such as `(garbage collector)`. */
  readonly group: string;
  readonly selfMs: number;
  /** Share of the sampled time that was not idle. */
  readonly percent: number;
}

export interface FunctionEntry extends ProfileEntry {
  readonly function: string;
  /** File and line, relative to the package or the repository. */
  readonly where: string;
}

export interface ProfileSummary {
  /** Sampled time, idle excluded. */
  readonly busyMs: number;
  readonly idleMs: number;
  /** The 15 largest groups by self time. */
  readonly groups: readonly ProfileEntry[];
  /** The 15 functions with the most self time, each with its group. */
  readonly functions: readonly FunctionEntry[];
}

const TOP = 15;

/** Where a script lives: its package, Node itself, or one of our files (dist/ mapped back to src/). */
export function groupOf(frame: CallFrame): { group: string; where: string } {
  const url = frame.url;
  const line = frame.lineNumber + 1;
  if (!url) {
    // V8's pseudo-frames keep their names; anything else without a script is a native (C++) function.
    const pseudo = frame.functionName.startsWith('(');
    return { group: pseudo ? frame.functionName : 'native (V8, Node C++)', where: '' };
  }
  if (url.startsWith('node:')) return { group: 'node internals', where: `${url.slice(5)}:${line}` };
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + '/node_modules/'.length).split('/');
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? '?');
    const file = rest.slice(pkg.split('/').length).join('/');
    return { group: pkg, where: `${file}:${line}` };
  }
  // dist/ mirrors src/ at the same depth (scripts/build-server.ts): dist/store/x.js is src/store/x.ts.
  const ours = /\/(dist|src|bin|bench)\/(.+)$/.exec(path);
  if (ours) {
    const top = ours[1] === 'dist' ? 'src' : ours[1];
    const file = `${top}/${ours[1] === 'dist' ? (ours[2] ?? '').replace(/\.js$/, '.ts') : ours[2]}`;
    return { group: file, where: `${file}:${line}` };
  }
  return { group: path, where: `${path}:${line}` };
}

/** Self time per function and per group; a sample lasts until the next one (as DevTools counts). */
export function summarise(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    const duration = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, duration));
  }
  const functions = new Map<string, { function: string; group: string; where: string; us: number }>();
  const groups = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const { group, where } = groupOf(frame);
    const name = frame.functionName || '(anonymous)';
    const key = `${name}@${where || group}`;
    const entry = functions.get(key) ?? { function: name, group, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    groups.set(group, (groups.get(group) ?? 0) + us);
  }
  const percent = (us: number) => Math.round((1000 * us) / Math.max(1, busyUs)) / 10;
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    busyMs: ms(busyUs),
    idleMs: ms(idleUs),
    groups: [...groups]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([group, us]) => ({ group, selfMs: ms(us), percent: percent(us) })),
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, TOP)
      .map((f) => ({
        function: f.function,
        group: f.group,
        where: f.where,
        selfMs: ms(f.us),
        percent: percent(f.us),
      })),
  };
}

/** Two markdown tables: self time by group, and the functions with the most self time. */
export function profileTable(title: string, summary: ProfileSummary): string {
  const rows = [
    `${title}: ${summary.busyMs} ms busy sampled (idle ${summary.idleMs} ms)`,
    '',
    '| group | self % | self ms |',
    '|---|---:|---:|',
    ...summary.groups.map((g) => `| ${g.group} | ${g.percent} | ${g.selfMs} |`),
    '',
    '| function | group | where | self % |',
    '|---|---|---|---:|',
    ...summary.functions.map((f) => `| ${f.function} | ${f.group} | ${f.where} | ${f.percent} |`),
  ];
  return rows.join('\n');
}
