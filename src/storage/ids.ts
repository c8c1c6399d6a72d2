import { randomBytes } from 'node:crypto';

/** Type prefixes of stored ids: the prefix tells what an id names (`pub_…` is a publisher). */
export const ID_PREFIXES = {
  user: 'usr',
  session: 'ses',
  token: 'tok',
  apiKey: 'key',
  advertiser: 'adv',
  program: 'prg',
  programDraft: 'drf',
  termsVersion: 'trm',
  publisher: 'pub',
  site: 'sit',
  membership: 'mem',
  ad: 'ad',
  link: 'lnk',
  click: 'clk',
  order: 'ord',
  orderLine: 'oln',
  commission: 'com',
  ledgerEntry: 'led',
  mailing: 'mal',
  violation: 'vio',
  enforcementAction: 'enf',
  claim: 'clm',
  attachment: 'att',
  statement: 'stm',
  invoice: 'inv',
  payoutRun: 'por',
  payout: 'pay',
  email: 'eml',
  audit: 'aud',
  registrationBar: 'bar',
  adjustment: 'adj',
  event: 'evt',
  integrationReport: 'irp',
  promotion: 'prm',
  feedImport: 'fim',
  digestEntry: 'dig',
  webhook: 'whk',
  delivery: 'whd',
  attempt: 'wha',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** Random bytes drawn 4 KiB at a time: one system call per ~400 ids instead of one each. */
let pool = Buffer.alloc(0);
let poolOffset = 0;
function randomTen(): Buffer {
  if (poolOffset + 10 > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  poolOffset += 10;
  return pool.subarray(poolOffset - 10, poolOffset);
}

/**
 * A new id: `<prefix>_` + 10 characters of millisecond time + 16 random characters (80 bits).
 * Ids sort by creation time, which keeps B-tree inserts of clicks and orders at the end.
 */
export function newId(kind: IdKind, nowMs: number): string {
  const time = timeText(nowMs);
  const bytes = randomTen();
  let random = '';
  // 10 bytes = 80 bits = 16 base32 characters.
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      random += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return `${ID_PREFIXES[kind]}_${time}${random}`;
}

/** The lowest id of `kind` made at `atMs`: every id made before it sorts below it. */
export function idFloor(kind: IdKind, atMs: number): string {
  return `${ID_PREFIXES[kind]}_${timeText(atMs)}`;
}

function timeText(ms: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time;
}

/** True when `id` has the prefix of `kind` and the shape newId makes. */
export function isId(kind: IdKind, id: string): boolean {
  const prefix = `${ID_PREFIXES[kind]}_`;
  return id.startsWith(prefix) && /^[0-9a-hjkmnp-tv-z]{26}$/.test(id.slice(prefix.length));
}

let lastMonotonic = { timeMs: -1, random: 0n };

/**
 * An id like `newId`'s that also sorts after every earlier one of this process made in the
 * same millisecond (its random part counts up): the audit log lists events made at one instant
 * in the order they happened.
 */
export function newMonotonicId(kind: IdKind, nowMs: number): string {
  const fresh = newId(kind, nowMs);
  if (nowMs > lastMonotonic.timeMs) {
    lastMonotonic = { timeMs: nowMs, random: decodeBase32(fresh.slice(-16)) };
    return fresh;
  }
  // Same (or an earlier, clock-stepped) millisecond: the previous id's time, its random + 1.
  lastMonotonic = { timeMs: lastMonotonic.timeMs, random: lastMonotonic.random + 1n };
  return `${ID_PREFIXES[kind]}_${encodeBase32(BigInt(lastMonotonic.timeMs), 10)}${encodeBase32(lastMonotonic.random, 16)}`;
}

function decodeBase32(text: string): bigint {
  let value = 0n;
  for (const char of text) value = value * 32n + BigInt(ALPHABET.indexOf(char));
  return value;
}

function encodeBase32(value: bigint, length: number): string {
  let text = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    text = ALPHABET[Number(rest % 32n)] + text;
    rest /= 32n;
  }
  return text;
}
