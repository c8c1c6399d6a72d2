import { BlockList, isIP } from 'node:net';

/**
 * The addresses a webhook or postback may never reach (server-side request forgery): loopback,
 * private, shared (CGNAT), link-local, unspecified, multicast and reserved ranges, IPv6's unique
 * local and link-local ranges, and IPv4 written inside IPv6 (mapped, NAT64, 6to4), which would
 * carry a private address past a check of IPv6 ranges alone.
 */
// Two lists: Node checks an IPv4 address against IPv6 rules too (as ::ffff:a.b.c.d).
const REFUSED_V4 = new BlockList();
const REFUSED_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  REFUSED_V4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  REFUSED_V6.addSubnet(network, prefix, 'ipv6');

/**
 * Why a webhook may not connect to `address` (an IP), or undefined when it may: `own` lists the
 * network's own addresses (its interfaces, its public host), refused too.
 */
export function refusedAddress(
  address: string,
  own: ReadonlySet<string> = new Set(),
): string | undefined {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  const lower = address.toLowerCase();
  if (family === 6 && carriesIpv4(lower)) return `${address} is an IPv4 address written as IPv6`;
  if (family === 4 ? REFUSED_V4.check(lower, 'ipv4') : REFUSED_V6.check(lower, 'ipv6'))
    return `${address} is a loopback, private, link-local or reserved address`;
  if (own.has(lower)) return `${address} is this network's own address`;
  return undefined;
}

/**
 * An IPv6 address that carries an IPv4 one: mapped (::ffff:0:0/96), compatible (::/96),
 * NAT64 (64:ff9b::/96, 64:ff9b:1::/48) or 6to4 (2002::/16), however it is written.
 */
function carriesIpv4(address: string): boolean {
  const groups = expandIpv6(address);
  if (groups === undefined) return true;
  const zeros = (n: number) => groups.slice(0, n).every((group) => group === 0);
  if (zeros(5) && (groups[5] === 0xffff || groups[5] === 0)) return true;
  if (groups[0] === 0x64 && groups[1] === 0xff9b) return true;
  return groups[0] === 0x2002;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 counts as two). */
function expandIpv6(address: string): number[] | undefined {
  let text = address.split('%')[0]!;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return undefined;
  return [...left, ...Array<number>(fill).fill(0), ...right];
}
