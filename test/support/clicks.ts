import type { ClickRow } from '../../src/storage/repositories/clicks-repository.js';
import { newId } from '../../src/storage/ids.js';

/** A realistic click row; `n` varies the sub ids and signals. */
export function clickRow(n: number, programId: string, siteId: string, nowMs: number): ClickRow {
  return {
    id: newId('click', nowMs + n),
    program_id: programId,
    site_id: siteId,
    ad_id: 'ad_banner',
    publisher_id: 'pub_x',
    epi: `newsletter-${n % 7}`,
    epi2: n % 3 === 0 ? null : `slot-${n % 3}`,
    created_at: nowMs + n,
    ip_hash: `h${(n * 2654435761) % 100_000}`,
    user_agent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
    referrer_host: 'deals.example.nl',
    sec_fetch_dest: 'document',
    sec_fetch_mode: 'navigate',
    sec_fetch_user: '?1',
    is_bot: n % 50 === 0 ? 1 : 0,
    paid_markers: n % 97 === 0 ? 'gclid' : null,
    country: 'NL',
    mailing_id: null,
    attributable: 1,
    not_attributable_reason: null,
  };
}
