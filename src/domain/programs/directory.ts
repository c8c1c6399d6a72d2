import { z } from 'zod';

/**
 * The program directory a publisher browses: every active program with what it pays, for whom
 * and how well it converts (EPC). Pure: the service passes the programs and their figures.
 */
export const COMMISSION_TYPES = ['sale', 'lead'] as const;
export type CommissionType = (typeof COMMISSION_TYPES)[number];
export const DIRECTORY_SORTS = ['epc', 'name'] as const;

/** How many days of clicks and commission the directory's EPC is over. */
export const DIRECTORY_EPC_DAYS = 30;

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${what}: at most ${max} characters` })
    .optional()
    .transform((value) => (value === '' ? undefined : value));

/** The directory's filters, as a query string or a form sends them; empty means "any". */
export const directoryQuerySchema = z
  .object({
    q: optionalText(100, 'q'),
    category: optionalText(64, 'category'),
    type: z
      .enum(['', ...COMMISSION_TYPES], { error: 'type: expected sale or lead' })
      .optional()
      .transform((value) => (value === '' ? undefined : value)),
    country: z
      .string()
      .regex(/^([A-Za-z]{2})?$/, { error: 'country: expected a country code such as NL' })
      .optional()
      .transform((value) => (value ? value.toUpperCase() : undefined)),
    sort: z.enum(DIRECTORY_SORTS, { error: 'sort: expected epc or name' }).default('epc'),
  })
  .strip();
export type DirectoryQuery = z.output<typeof directoryQuerySchema>;

export interface DirectoryEntry {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly advertiser: string;
  readonly description: { readonly en: string; readonly nl: string };
  readonly categories: readonly string[];
  /** Countries (groups expanded) the program's buyers are in; empty: anywhere. */
  readonly markets: readonly string[];
  readonly commissionTypes: readonly CommissionType[];
  /** Rates of the sale groups in force (`0.07`), and fixed lead fees (`1.50`). */
  readonly saleRates: readonly string[];
  readonly leadFees: readonly string[];
  readonly currency: string;
  readonly clicks: number;
  /** Commission per click over the last DIRECTORY_EPC_DAYS days; null without clicks. */
  readonly epc: string | null;
}

function matchesText(entry: DirectoryEntry, q: string): boolean {
  const needle = q.toLocaleLowerCase('en');
  return [entry.name, entry.advertiser, entry.slug, entry.description.en, entry.description.nl]
    .concat(entry.categories)
    .some((text) => text.toLocaleLowerCase('en').includes(needle));
}

/** Compares EPC strings exactly (same number of decimals): higher first, no EPC last. */
function byEpc(a: DirectoryEntry, b: DirectoryEntry): number {
  if (a.epc === b.epc) return 0;
  if (a.epc === null) return 1;
  if (b.epc === null) return -1;
  const [ai, af = ''] = a.epc.split('.');
  const [bi, bf = ''] = b.epc.split('.');
  const width = Math.max(af.length, bf.length);
  const ax = BigInt(ai! + af.padEnd(width, '0'));
  const bx = BigInt(bi! + bf.padEnd(width, '0'));
  return ax > bx ? -1 : ax < bx ? 1 : 0;
}

/** The entries the query asks for, in its order (EPC by default, then name). */
export function browseDirectory(
  entries: readonly DirectoryEntry[],
  query: DirectoryQuery,
): DirectoryEntry[] {
  const byName = (a: DirectoryEntry, b: DirectoryEntry) => a.name.localeCompare(b.name, 'en');
  return entries
    .filter((entry) => query.q === undefined || matchesText(entry, query.q))
    .filter((entry) => query.category === undefined || entry.categories.includes(query.category))
    .filter((entry) => query.type === undefined || entry.commissionTypes.includes(query.type))
    .filter(
      (entry) =>
        query.country === undefined ||
        entry.markets.length === 0 ||
        entry.markets.includes(query.country),
    )
    .sort((a, b) => (query.sort === 'epc' ? byEpc(a, b) || byName(a, b) : byName(a, b)));
}
