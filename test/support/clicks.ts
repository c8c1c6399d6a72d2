import type { Click } from '../../src/storage/repositories/clicks-repository.js';
import { ClickIdGenerator, clickIdTime } from '../../src/storage/click-ids.js';

const ids = new ClickIdGenerator(1);

/** A realistic click; `n` varies the sub ids and signals. */
export function clickRow(n: number, programId: string, siteId: string, nowMs: number): Click {
  const id = ids.next(nowMs + n);
  return {
    id,
    programId,
    siteId,
    adId: 'ad_banner',
    epi: `newsletter-${n % 7}`,
    epi2: n % 3 === 0 ? null : `slot-${n % 3}`,
    createdAt: clickIdTime(id),
    ipHash: `h${(n * 2654435761) % 100_000}`,
    signals: {
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
      referrerHost: 'deals.example.nl',
      secFetchDest: 'document',
      secFetchMode: 'navigate',
      secFetchUser: '?1',
      bot: n % 50 === 0,
      paidMarkers: n % 97 === 0 ? ['gclid'] : [],
      country: 'NL',
      mailingId: null,
    },
    notAttributableReason: null,
  };
}
