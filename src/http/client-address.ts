/**
 * Who is asking, by network address (X4): the peer of the TCP connection, or, when that peer is one of
 * the configured reverse proxies (TRUST_PROXY), the nearest address in `X-Forwarded-For` that is not a
 * trusted proxy. A client that reaches the port directly cannot choose its address by sending the header.
 *
 * Rate limits and the cap on sign-in flows count per {@link clientKey}: an IPv4 address, or the /64 an IPv6
 * address belongs to (one host usually owns a whole /64, so counting single IPv6 addresses would let it
 * take 2^64 of them).
 */
import { BlockList, isIP } from 'node:net';

/** TRUST_PROXY as configured: nobody, every peer (`true`), or the proxies' addresses and CIDRs. */
export type TrustProxy = boolean | readonly string[];

/** Named ranges TRUST_PROXY may list, as Express and Fastify name them. */
export const PROXY_RANGES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
});

interface Cidr {
  readonly address: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

/**
 * One address (`10.0.0.7`), CIDR (`10.0.0.0/8`, `fd00::/8`) or named range, as the CIDRs it stands for;
 * undefined when it is none of these.
 * @example parseProxyEntry('10.0.0.0/8') // ['10.0.0.0/8']
 * @example parseProxyEntry('loopback') // ['127.0.0.0/8', '::1/128']
 */
export function parseProxyEntry(entry: string): string[] | undefined {
  const named = PROXY_RANGES[entry.toLowerCase()];
  if (named) return [...named];
  const cidr = parseCidr(entry);
  return cidr ? [`${cidr.address}/${cidr.prefix}`] : undefined;
}

function parseCidr(entry: string): Cidr | undefined {
  const [address = '', prefixText, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0 || address.includes('%')) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const bits = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: bits, family };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  return { address, prefix: Number(prefixText), family };
}

/**
 * Fastify's `trustProxy` for the configured list: whether the connection's peer (and each proxy named in
 * `X-Forwarded-For`, right to left) is a trusted proxy. `true` and `false` pass through.
 * @example Fastify({ trustProxy: proxyTrust(['10.0.0.0/8']) })
 */
export function proxyTrust(trust: TrustProxy): boolean | ((address: string) => boolean) {
  if (typeof trust === 'boolean') return trust;
  const proxies = new BlockList();
  for (const entry of trust) {
    const cidr = parseCidr(entry);
    if (!cidr) throw new Error('TRUST_PROXY holds an entry that is not an address or CIDR');
    proxies.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return (address) => {
    const version = isIP(address ?? '');
    // An IPv4-mapped IPv6 peer (::ffff:10.0.0.1) matches IPv4 ranges: BlockList checks it both ways.
    return version !== 0 && proxies.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * What limits count by: an IPv4 address as it is (also when written IPv4-mapped), an IPv6 address as its
 * /64, anything else (no address: the connection is gone) as `unknown`.
 * @example clientKey('::ffff:192.0.2.7') // '192.0.2.7'
 * @example clientKey('2001:db8:1:2:3:4:5:6') // '2001:db8:1:2::/64'
 */
export function clientKey(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return 'unknown';
  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%', 1)[0] ?? '';
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const before = head === '' ? [] : head.split(':');
  const after = tail === undefined || tail === '' ? [] : tail.split(':');
  const gap = tail === undefined ? 0 : 8 - before.length - after.length;
  return [...before, ...Array<string>(gap).fill('0'), ...after].map((group) => Number.parseInt(group, 16));
}
