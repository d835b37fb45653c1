import { describe, expect, it } from 'vitest';
import { isoTime, isoTimeAt } from '../../../src/http/observability/log-time.ts';

/** What pino.stdTimeFunctions.isoTime writes for `now`: the form docs/operations.md's log lines have. */
const pinoIsoTime = (now: number) => `,"time":"${new Date(now).toISOString()}"`;

describe('log time (R3: the time of every log line, as pino writes it)', () => {
  it('is pino ISO time to the millisecond, within one second and across seconds, days and years', () => {
    const starts = [0, 999, 1_000, Date.UTC(2026, 11, 1, 3, 4, 27), Date.UTC(2026, 11, 31, 23, 59, 59)];
    for (const start of starts) {
      for (const offset of [0, 1, 9, 10, 99, 100, 123, 999, 1_000, 1_001, 86_400_000]) {
        expect(isoTimeAt(start + offset)).toBe(pinoIsoTime(start + offset));
      }
    }
  });

  it('going back in time (a clock step) is formatted as well', () => {
    const later = Date.UTC(2026, 11, 1, 3, 4, 27, 500);
    expect(isoTimeAt(later)).toBe(pinoIsoTime(later));
    expect(isoTimeAt(later - 60_000)).toBe(pinoIsoTime(later - 60_000));
    expect(isoTimeAt(later)).toBe(pinoIsoTime(later));
  });

  it('isoTime is now', () => {
    const before = Date.now();
    const time = Date.parse(JSON.parse(`{${isoTime().slice(1)}}`).time);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });
});
