/**
 * The bench's profile summary (issue 22): self time is grouped by where the code lives, idle time is left
 * out of the shares, and a sample lasts until the next one.
 */
import { describe, expect, it } from 'vitest';
import { type CpuProfile, groupOf, summarise } from '../../../bench/profile.ts';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

describe('groupOf', () => {
  it('names the package, scoped or not, the nearest node_modules winning', () => {
    expect(groupOf(frame('send', 'file:///app/node_modules/fastify/lib/reply.js', 9))).toEqual({
      group: 'fastify',
      where: 'lib/reply.js:10',
    });
    expect(
      groupOf(frame('f', 'file:///app/node_modules/a/node_modules/@fastify/cookie/index.js')).group,
    ).toBe('@fastify/cookie');
  });

  it('maps dist/ back to our src/ file, and keeps Node and V8 apart', () => {
    expect(groupOf(frame('f', 'file:///work/main/dist/http/app.js', 69))).toEqual({
      group: 'src/http/app.ts',
      where: 'src/http/app.ts:70',
    });
    expect(groupOf(frame('f', 'node:internal/streams/writable')).group).toBe('node internals');
    expect(groupOf(frame('(garbage collector)', '')).group).toBe('(garbage collector)');
    expect(groupOf(frame('writev', '')).group).toBe('native (V8, Node C++)');
  });
});

describe('summarise', () => {
  it('adds the time until the next sample to the sampled function, idle excluded from the shares', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('(idle)', '') },
        { id: 3, callFrame: frame('send', 'file:///a/node_modules/fastify/lib/reply.js') },
        { id: 4, callFrame: frame('writev', '') },
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [3, 4, 4, 2, 3],
      timeDeltas: [0, 1000, 3000, 2000, 4000],
    };
    const summary = summarise(profile);
    // send: 1000 (first) + 0 (last, no next sample); writev: 3000 + 2000; idle: 4000.
    expect(summary.busyMs).toBe(6);
    expect(summary.idleMs).toBe(4);
    expect(summary.groups).toEqual([
      { group: 'native (V8, Node C++)', selfMs: 5, percent: 83.3 },
      { group: 'fastify', selfMs: 1, percent: 16.7 },
    ]);
    expect(summary.functions[0]).toMatchObject({ function: 'writev', percent: 83.3 });
  });
});
