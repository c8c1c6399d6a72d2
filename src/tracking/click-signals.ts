import { createHmac } from 'node:crypto';
import { isbot } from 'isbot';
import type { ClickSignals } from '../storage/repositories/clicks-repository.js';

/** Query parameters that mark a click bought on a search or social ad platform (AE-P2). */
export const PAID_MARKERS = ['gclid', 'gbraid', 'wbraid', 'msclkid', 'fbclid'] as const;

export interface ClickRequestFacts {
  ip: string;
  headers: Record<string, string | string[] | undefined>;
  /** The click URL's own query (a publisher's ad platform may tag the tracking link). */
  query: URLSearchParams;
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
    (marker) => facts.query.has(marker) || referrerQuery?.has(marker) === true,
  );
  return {
    userAgent,
    referrerHost,
    secFetchDest: header(facts.headers, 'sec-fetch-dest'),
    secFetchMode: header(facts.headers, 'sec-fetch-mode'),
    secFetchUser: header(facts.headers, 'sec-fetch-user'),
    bot: userAgent === null ? true : isbot(userAgent),
    paidMarkers,
    // No geo database ships with affnet; the column is there for one.
    country: null,
    mailingId,
  };
}

/** A salted, keyed hash of the visitor's IP: comparable between clicks, not reversible. */
export class IpHasher {
  readonly #key: Buffer;
  constructor(secret: string) {
    this.#key = createHmac('sha256', 'affnet ip hash').update(secret).digest();
  }
  hash(ip: string): string {
    return createHmac('sha256', this.#key).update(ip).digest('base64url').slice(0, 22);
  }
}
