/** X4: which proxies are believed (TRUST_PROXY), and what a client address counts as. */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { clientKey, parseProxyEntry, proxyTrust } from '../../../src/http/client-address.ts';
import { requestIdGenerator } from '../../../src/http/observability/request-id.ts';
import { MemoryCounters } from '../../../src/http/rate-limits/counters.ts';

describe('TRUST_PROXY entries', () => {
  it.each([
    ['10.0.0.7', ['10.0.0.7/32']],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['2001:db8::/32', ['2001:db8::/32']],
    ['::1', ['::1/128']],
    ['loopback', ['127.0.0.0/8', '::1/128']],
    ['UniqueLocal', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']],
  ])('%s is %j', (entry, cidrs) => {
    expect(parseProxyEntry(entry)).toEqual(cidrs);
  });

  it.each([
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0/8',
    'proxy.example.com',
    '10.0.0.0/8/1',
    'fe80::1%eth0',
    '*',
  ])('%s is refused', (entry) => {
    expect(parseProxyEntry(entry)).toBeUndefined();
  });

  it('the setting: true, false, or a list kept as CIDRs; anything else refused without echo', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.1 , loopback ,' }).trustProxy).toEqual([
      '10.0.0.1/32',
      '127.0.0.0/8',
      '::1/128',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1,sEcReT-host' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1,sEcReT-host' })).not.toThrow(/sEcReT/);
  });
});

describe('proxyTrust', () => {
  const trusted = proxyTrust(['10.0.0.0/8', '2001:db8::/32']) as (address: string) => boolean;

  it.each([
    ['10.1.2.3', true],
    ['::ffff:10.1.2.3', true],
    ['2001:db8:5::1', true],
    ['11.0.0.1', false],
    ['2001:db9::1', false],
    ['not an address', false],
    ['', false],
  ])('%s: %s', (address, expected) => {
    expect(trusted(address)).toBe(expected);
  });

  it('true and false pass through', () => {
    expect(proxyTrust(true)).toBe(true);
    expect(proxyTrust(false)).toBe(false);
  });
});

describe('clientKey: what the limits count by', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::ffff', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8:1:2:3:4:192.0.2.1', '2001:db8:1:2::/64'],
    [undefined, 'unknown'],
    ['garbage', 'unknown'],
  ])('%s counts as %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});

describe('R3, X4: a proxy request id is taken only from a listed proxy', () => {
  const from = (peer: string) =>
    ({
      headers: { 'x-request-id': 'proxy-id-1' },
      socket: { remoteAddress: peer },
    }) as unknown as IncomingMessage;

  it('from a peer in the list: taken; from any other peer: a new id', () => {
    const generate = requestIdGenerator(['10.0.0.0/8']);
    expect(generate(from('10.0.0.5'))).toBe('proxy-id-1');
    expect(generate(from('192.0.2.1'))).not.toBe('proxy-id-1');
  });
});

describe('MemoryCounters: the in-memory count', () => {
  it('counts within a window and starts again after it', () => {
    const counters = new MemoryCounters();
    expect(counters.incr('k', 1_000, 0)).toEqual({ current: 1, ttl: 1_000 });
    expect(counters.incr('k', 1_000, 400)).toEqual({ current: 2, ttl: 600 });
    expect(counters.incr('k', 1_000, 1_000)).toEqual({ current: 1, ttl: 1_000 });
  });

  it('holds at most its number of keys: ended windows go first, then the oldest', () => {
    const counters = new MemoryCounters(3);
    counters.incr('ended', 10, 0);
    counters.incr('a', 1_000, 0);
    counters.incr('b', 1_000, 0);
    counters.incr('c', 1_000, 20); // full: 'ended' is dropped
    expect(counters.size).toBe(3);
    expect(counters.incr('a', 1_000, 30).current).toBe(2);
    counters.incr('d', 1_000, 40); // full, nothing ended: the window that began first ('a') goes
    expect(counters.size).toBe(3);
    expect(counters.incr('b', 1_000, 50).current).toBe(2);
    expect(counters.incr('a', 1_000, 60).current).toBe(1);
  });
});
