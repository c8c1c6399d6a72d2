import { createHmac } from 'node:crypto';
import { isbot } from 'isbot';
import type { ClickSignals } from '../storage/repositories/clicks-repository.js';

/**
 * Query parameters that mark a click bought on an ad platform (AE-P2): Google and Microsoft
 * search ads, Google Shopping (`srsltid`), Meta ads.
 */
export const PAID_MARKERS = ['gclid', 'gbraid', 'wbraid', 'msclkid', 'srsltid', 'fbclid'] as const;

/**
 * The mailing a click claims (AE-P1): `m=<mailing link parameter>` on the tracking link, or ''
 * for an email click that names none (`utm_medium=email`); null for other clicks.
 */
export function claimedMailing(query: Record<string, unknown>): string | null {
  const m = query.m;
  if (typeof m === 'string' && m !== '') return m.slice(0, 64);
  const medium = query.utm_medium;
  return typeof medium === 'string' && medium.toLowerCase() === 'email' ? '' : null;
}

export interface ClickRequestFacts {
  headers: Record<string, string | string[] | undefined>;
  /** The click URL's own query (a publisher's ad platform may tag the tracking link). */
  query: Record<string, unknown>;
}

/** Bot verdicts by user agent: the same few thousand agents make most clicks. */
const botVerdicts = new Map<string, boolean>();

function isBotAgent(userAgent: string): boolean {
  let verdict = botVerdicts.get(userAgent);
  if (verdict === undefined) {
    verdict = isbot(userAgent);
    if (botVerdicts.size >= 10_000) botVerdicts.clear();
    botVerdicts.set(userAgent, verdict);
  }
  return verdict;
}

function header(headers: ClickRequestFacts['headers'], name: string): string | null {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? null : text.slice(0, 512);
}

/** What the click tells compliance checks later: the evidence is recorded, judged elsewhere. */
export function readClickSignals(facts: ClickRequestFacts, mailingId: string | null): ClickSignals {
  const userAgent = header(facts.headers, 'user-agent');
  const referrer = header(facts.headers, 'referer');
  let referrerHost: string | null = null;
  let referrerQuery: URLSearchParams | undefined;
  if (referrer !== null) {
    try {
      const url = new URL(referrer);
      referrerHost = url.hostname.toLowerCase();
      referrerQuery = url.searchParams;
    } catch {
      referrerHost = null;
    }
  }
  const paidMarkers = PAID_MARKERS.filter(
    (marker) => facts.query[marker] !== undefined || referrerQuery?.has(marker) === true,
  );
  return {
    userAgent,
    referrerHost,
    secFetchDest: header(facts.headers, 'sec-fetch-dest'),
    secFetchMode: header(facts.headers, 'sec-fetch-mode'),
    secFetchUser: header(facts.headers, 'sec-fetch-user'),
    bot: userAgent === null ? true : isBotAgent(userAgent),
    paidMarkers,
    // No geo database ships with affnet; the column is there for one.
    country: null,
    mailingId,
  };
}

/** A salted, keyed hash of the visitor's IP: comparable between clicks, not reversible. */
export class IpHasher {
  readonly #key: Buffer;
  readonly #recent = new Map<string, string>();
  constructor(secret: string) {
    this.#key = createHmac('sha256', 'affnet ip hash').update(secret).digest();
  }
  hash(ip: string): string {
    let hash = this.#recent.get(ip);
    if (hash === undefined) {
      hash = createHmac('sha256', this.#key).update(ip).digest('base64url').slice(0, 22);
      if (this.#recent.size >= 10_000) this.#recent.clear();
      this.#recent.set(ip, hash);
    }
    return hash;
  }
}
