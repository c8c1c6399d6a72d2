import type { PublisherPromotionView } from '../services/promotions-service.js';
import { toCsv } from './csv.js';

/** The columns of the publisher's promotions CSV, in order. */
const CSV_COLUMNS = [
  'id',
  'programId',
  'programName',
  'siteId',
  'titleNl',
  'titleEn',
  'kind',
  'code',
  'exclusive',
  'startsAt',
  'endsAt',
  'trackingLink',
] as const;

/**
 * The publisher's promotions as CSV, one row per promotion and site: the API's
 * `?format=csv` and the portal's download alike.
 */
export function publisherPromotionsCsv(promotions: readonly PublisherPromotionView[]): string {
  return toCsv(
    CSV_COLUMNS,
    promotions.map((p) => [
      p.id,
      p.programId,
      p.programName,
      p.siteId,
      p.title.nl,
      p.title.en,
      p.kind,
      p.code ?? '',
      p.exclusive,
      p.startsAt,
      p.endsAt,
      p.trackingLink,
    ]),
  );
}
