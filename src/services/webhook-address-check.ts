import { BlockList, isIP } from 'node:net';

/**
 * The addresses a webhook, postback or feed-source fetch may never reach (server-side request
 * forgery), after the IANA special-purpose address registries: loopback, private, shared
 * (CGNAT), link-local, unspecified, documentation, benchmarking, 6to4 relay anycast, multicast,
 * reserved and broadcast IPv4; IPv6 outside global unicast (2000::/3: loopback, unique local,
 * link-local, multicast, discard-only…), the IETF protocol block 2001::/23 (Teredo among it),
 * documentation, and IPv4 written inside IPv6 (mapped, translated, compatible, NAT64, 6to4,
 * Teredo), which would carry a private address past a check of IPv6 ranges alone.
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
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  REFUSED_V4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['2001::', 23],
  ['2001:db8::', 32],
  ['3fff::', 20],
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
  const refusal = family === 4 ? refusedIpv4(lower) : refusedIpv6(lower);
  if (refusal !== undefined) return `${address} ${refusal}`;
  if (own.has(lower)) return `${address} is this network's own address`;
  return undefined;
}

function refusedIpv4(address: string): string | undefined {
  return REFUSED_V4.check(address, 'ipv4')
    ? 'is a loopback, private, link-local, multicast or reserved address'
    : undefined;
}

function refusedIpv6(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (groups === undefined) return 'cannot be read as an IPv6 address';
  if (groups.every((group) => group === 0)) return 'is the unspecified IPv6 address';
  if (groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1)
    return 'is the IPv6 loopback address';
  if (carriesIpv4(groups)) return 'is an IPv4 address written as IPv6';
  if (REFUSED_V6.check(address, 'ipv6'))
    return 'is in a reserved IPv6 range (IETF protocol assignments, documentation)';
  // Every globally routed IPv6 address lies in 2000::/3.
  if ((groups[0]! & 0xe000) !== 0x2000)
    return 'is not a global unicast IPv6 address (loopback, unique local, link-local, multicast or reserved)';
  return undefined;
}

/**
 * An IPv6 address that carries an IPv4 one: mapped (::ffff:0:0/96), translated
 * (::ffff:0:0:0/96), compatible (::/96), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4
 * (2002::/16) or Teredo (2001::/32), however it is written.
 */
function carriesIpv4(groups: readonly number[]): boolean {
  const zeros = (n: number) => groups.slice(0, n).every((group) => group === 0);
  if (zeros(5) && (groups[5] === 0xffff || groups[5] === 0)) return true;
  if (zeros(4) && groups[4] === 0xffff && groups[5] === 0) return true;
  if (groups[0] === 0x64 && groups[1] === 0xff9b) return true;
  if (groups[0] === 0x2001 && groups[1] === 0) return true;
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
