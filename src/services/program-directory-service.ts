import type { Store } from '../storage/database.js';
import { readProgramTotals } from '../storage/repositories/report-rollups.js';
import type { LinkCache, CachedProgram } from '../tracking/link-cache.js';
import { utcDayNumber } from '../domain/dates.js';
import { versionInForce } from '../domain/terms/compile-terms.js';
import { earningsPerClick } from '../domain/reports/performance.js';
import { programIsLive } from '../domain/programs/review.js';
import {
  browseDirectory,
  DIRECTORY_EPC_DAYS,
  type CommissionType,
  type DirectoryEntry,
  type DirectoryQuery,
} from '../domain/programs/directory.js';

/** What the directory offers to filter by, from the programs it lists. */
export interface DirectoryFacets {
  readonly categories: readonly string[];
  readonly countries: readonly string[];
}

/**
 * The program directory: every live program (active and approved) with its categories, markets, what it pays and
 * its EPC over the last 30 days (from the daily report rollups), filtered and sorted.
 */
export class ProgramDirectoryService {
  constructor(
    private readonly store: Store,
    private readonly cache: LinkCache,
  ) {}

  async browse(
    query: DirectoryQuery,
    nowMs: number,
  ): Promise<{ programs: DirectoryEntry[]; facets: DirectoryFacets }> {
    const today = utcDayNumber(nowMs);
    // Only live programs: active and approved by the network (docs/compliance.md).
    const active = this.cache.programs().filter(programIsLive);
    const totals = await readProgramTotals(
      this.store.db,
      active.map((program) => program.id),
      today - DIRECTORY_EPC_DAYS + 1,
      today,
    );
    const entries = active.map((program) => entryOf(program, nowMs, totals.get(program.id)));
    return {
      programs: browseDirectory(entries, query),
      facets: {
        categories: [...new Set(entries.flatMap((entry) => entry.categories))].sort(),
        countries: [...new Set(entries.flatMap((entry) => entry.markets))].sort(),
      },
    };
  }
}

function entryOf(
  program: CachedProgram,
  nowMs: number,
  totals: { clicks: number; commissionMinor: number } | undefined,
): DirectoryEntry {
  const { terms } = program;
  const file = terms.file;
  const version = versionInForce(terms, nowMs) ?? terms.versions[terms.versions.length - 1];
  const leadFees = file.events.flatMap((event) => (event.kind === 'lead' ? [event.amount] : []));
  const sells = file.events.length === 0 || file.events.some((event) => event.kind === 'sale');
  const commissionTypes: CommissionType[] = [
    ...(sells ? (['sale'] as const) : []),
    ...(leadFees.length > 0 ? (['lead'] as const) : []),
  ];
  const markets = new Set<string>();
  for (const market of file.markets) {
    if (!market.startsWith('group:')) markets.add(market);
    else for (const code of terms.countryGroups.get(market.slice(6)) ?? []) markets.add(code);
  }
  const clicks = totals?.clicks ?? 0;
  return {
    id: program.id,
    slug: program.slug,
    name: file.name,
    advertiser: file.advertiser,
    description: file.description,
    categories: file.categories,
    markets: [...markets].sort(),
    commissionTypes,
    saleRates: sells ? (version?.groups.map((group) => group.rateText) ?? []) : [],
    leadFees,
    currency: terms.currency,
    clicks,
    epc: earningsPerClick(totals?.commissionMinor ?? 0, clicks, terms.currencyDigits),
  };
}
