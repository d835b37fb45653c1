/**
 * The `time` field of every log line, in pino's ISO form (`,"time":"2026-12-01T03:04:27.123Z"`), the same
 * text `pino.stdTimeFunctions.isoTime` writes. That builds a Date and formats it for every line (~1% of
 * the service's samples under the bench's load, issue 22); here the text up to the second is formatted
 * once a second and each line adds its milliseconds.
 */

let second = Number.NaN;
let prefix = '';

/**
 * pino's `timestamp` option: the time now, to the millisecond, as ISO 8601 in UTC.
 * @example pino({ timestamp: isoTime }) // {"level":30,"time":"2026-12-01T03:04:27.123Z",...}
 */
export function isoTime(): string {
  return isoTimeAt(Date.now());
}

/** {@link isoTime} for a given time (epoch milliseconds, 1970 or later). */
export function isoTimeAt(now: number): string {
  const millis = now % 1000;
  const start = now - millis;
  if (start !== second) {
    second = start;
    // 'YYYY-MM-DDTHH:MM:SS.' of toISOString, for every time this service can log (years 1970-9999).
    prefix = `,"time":"${new Date(start).toISOString().slice(0, 20)}`;
  }
  return `${prefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z"`;
}
