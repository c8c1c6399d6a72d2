import type { Issue } from '../errors.js';
import { isoDateOfDayNumber, utcDayNumber } from '../dates.js';
import type { ProgramTerms } from './program-terms.js';

/**
 * The earliest a new or changed version may take effect when published at `publishedAtMs`:
 * that instant (ISO, as an effectiveFrom may give it) and the first whole day after it (a date
 * alone means 00:00 UTC, so the day of publication has begun already).
 */
export function earliestStart(publishedAtMs: number): { published: string; firstDay: string } {
  return {
    published: new Date(publishedAtMs).toISOString(),
    firstDay: isoDateOfDayNumber(utcDayNumber(publishedAtMs) + 1),
  };
}

/**
 * No back-dating (NET-T1, docs/terms-and-pricing.md): what the terms say for any moment before
 * they are published stays as it was. A new version, or a changed one, must take effect no
 * earlier than `publishedAtMs`; a version that was in force before then is kept as it is. So a
 * new file can never re-price, or change the rules of, an order placed before it was published.
 * Returns one issue per version that breaks this (empty: the file may be published).
 */
export function backdatedVersions(
  current: ProgramTerms,
  next: ProgramTerms,
  publishedAtMs: number,
): Issue[] {
  const { published, firstDay } = earliestStart(publishedAtMs);
  // The earliest start is the moment of publication itself (effectiveFrom ≥ it), not tomorrow:
  // an instant later today is accepted; a date alone starts at 00:00 UTC, so today's is past.
  const earliest = `${published} (an instant with its offset) or a date from ${firstDay} on`;
  const startOf = (terms: ProgramTerms) =>
    new Map(terms.versions.map((version) => [version.id, version.effectiveFromMs]));
  const wording = (terms: ProgramTerms) =>
    new Map(terms.file.versions.map((version) => [version.id, JSON.stringify(version)]));
  const [currentStart, nextStart] = [startOf(current), startOf(next)];
  const [currentWords, nextWords] = [wording(current), wording(next)];
  const issues: Issue[] = [];
  next.file.versions.forEach((version, index) => {
    if ((nextStart.get(version.id) as number) >= publishedAtMs) return;
    const before = currentWords.get(version.id);
    if (before === nextWords.get(version.id)) return;
    issues.push({
      path: `versions[${index}].effectiveFrom`,
      message: `version "${version.id}" ${before === undefined ? 'is new' : 'is changed'} and would take effect ${version.effectiveFrom}, before it is published (${published}): a new or changed version takes effect no earlier than its publication; give it a new id and an effectiveFrom no earlier than ${earliest}`,
    });
  });
  // The file's own `attribution` speaks for every version that sets none: changing it must not
  // re-attribute orders placed under a version already in force (its voucher-code mode is part
  // of the rules an order was placed under, as its prices are).
  const nextModes = new Map(next.versions.map((version) => [version.id, version.voucherCodes]));
  for (const version of current.versions) {
    const mode = nextModes.get(version.id);
    if (version.effectiveFromMs >= publishedAtMs || mode === undefined) continue;
    // A changed version is refused above already.
    if (mode === version.voucherCodes || currentWords.get(version.id) !== nextWords.get(version.id))
      continue;
    issues.push({
      path: 'attribution.voucherCodes',
      message: `would change the voucher-code attribution of orders placed under version "${version.id}" (in force before now) from ${version.voucherCodes} to ${mode}: keep it for that version (attribution: { voucherCodes: ${version.voucherCodes} } in it) and set ${mode} in a new version with an effectiveFrom no earlier than ${earliest}`,
    });
  }
  for (const [id, start] of currentStart)
    if (start < publishedAtMs && !nextStart.has(id))
      issues.push({
        path: 'versions',
        message: `version "${id}" was in force before now: keep it as it is (orders placed under it are priced by it)`,
      });
  return issues;
}
