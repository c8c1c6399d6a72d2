/**
 * What a pixel report's checksum proved (NET-R1), stored as orders.report_details.checksum: no
 * secret (`not_required`), the affnet full checksum `v05` over every priced field (`signed`),
 * Tradedoubler's `v04` over number and value (`valid`), a missing or wrong one (`mismatch`), a
 * valid v04 whose value the lines do not add up to (`lines_mismatch`).
 */
export type ChecksumVerdict = 'not_required' | 'signed' | 'valid' | 'mismatch' | 'lines_mismatch';

/**
 * How much of a report its sender proved: every field that prices it (`full`, v05), its number
 * and value only (`value`, v04), or nothing (`none`: unsigned, or its checksum failed).
 */
export type ReportProof = 'none' | 'value' | 'full';

const RANK: Readonly<Record<ReportProof, number>> = { none: 0, value: 1, full: 2 };

/** The proof of a stored or reported order, from its report_details JSON (null: none). */
export function proofOf(reportDetails: string | null | undefined): ReportProof {
  if (reportDetails === null || reportDetails === undefined) return 'none';
  const { checksum } = JSON.parse(reportDetails) as { checksum?: ChecksumVerdict };
  return checksum === 'signed' ? 'full' : checksum === 'valid' ? 'value' : 'none';
}

/**
 * NET-R6, a validation deadline approves an order only when every field that priced it is
 * proven: the pixel reported it with a valid `v05` full checksum, or the advertiser reported
 * the whole order with its API key (an API order, or the advertiser's full re-report of a
 * pixel order, which clears what the pixel said: report_details null). Any other pixel order
 * (unsigned, or a `v04` checksum, which leaves the lines, currency and event open) waits at its
 * deadline for the advertiser's decision, also after a status update (`PATCH`), which confirms
 * a status, not the pixel's lines; a deadline may still decline it.
 */
export function deadlineMayApprove(source: string, reportDetails: string | null): boolean {
  return proofOf(reportDetails) === 'full' || (source !== 'pixel' && reportDetails === null);
}

/**
 * NET-R6, a signed report supersedes a weaker one: a pixel report replaces the stored pixel
 * order of its number (attribution and price) only when its checksum proves more than the
 * stored one's did (v05 over v04 over none). An unsigned report never replaces anything; the
 * caller also requires the stored order to be undecided.
 */
export function supersedes(reported: string | null, stored: string | null): boolean {
  return RANK[proofOf(reported)] > RANK[proofOf(stored)];
}
