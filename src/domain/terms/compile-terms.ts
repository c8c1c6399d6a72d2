import { NETWORK_REASON_RULES } from '../engine/reasons.js';
import { parseDecimal, toMinorUnits, type Decimal } from '../money/decimal.js';
import { minorUnitDigits } from '../money/currencies.js';
import { dayNumberOfIsoDate, parseIsoInstant } from '../dates.js';
import { InvalidTermsError, issuesFromZod, type Issue } from '../errors.js';
import type { ReasonCode, ReasonFacts } from '../engine/reasons.js';
import { termsSchema, type TermsFile, type TermsVersionFile } from './terms-schema.js';
import {
  nameIn,
  type CommissionGroup,
  type ProgramEvent,
  type ProgramTerms,
  type TermsVersion,
} from './program-terms.js';

export { nameIn, versionInForce } from './program-terms.js';
export type { CommissionGroup, ProgramEvent, ProgramTerms, TermsVersion } from './program-terms.js';

/**
 * Validates a parsed terms document and compiles it for the engine. Throws InvalidTermsError
 * naming every problem by path, e.g. `versions[0].commission.groups[1].rate: expected a
 * decimal between 0 and 1, got "7"`.
 */
export function compileTermsOrThrow(raw: unknown, source: string): ProgramTerms {
  const parsed = termsSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidTermsError(source, issuesFromZod(parsed.error));
  const file = parsed.data;
  const issues: Issue[] = [];
  const countryGroups = resolveCountryGroups(file.countryGroups, issues);
  const currencyDigits = minorUnitDigits(file.currency);
  const versions = file.versions.map((version, index) =>
    compileVersion(version, `versions[${index}]`, file, countryGroups, currencyDigits, issues),
  );
  const ids = new Set<string>();
  file.versions.forEach((version, index) => {
    if (ids.has(version.id))
      issues.push({
        path: `versions[${index}].id`,
        message: `duplicate version id "${version.id}"`,
      });
    ids.add(version.id);
  });
  const byStart = versions
    .map((version, index) => ({ version, index }))
    .sort((a, b) => a.version.effectiveFromMs - b.version.effectiveFromMs);
  for (let i = 1; i < byStart.length; i++) {
    const previous = byStart[i - 1]!;
    const current = byStart[i]!;
    if (previous.version.effectiveFromMs === current.version.effectiveFromMs) {
      issues.push({
        path: `versions[${current.index}].effectiveFrom`,
        message: `same effectiveFrom as versions[${previous.index}]: each version needs its own start`,
      });
    }
  }
  checkRuleIds(file, issues);
  checkReasonRules(file, issues);
  const events = new Map(
    file.events.map((event, index): [string, ProgramEvent] => {
      // NET-R4: one lead per click unless the terms say otherwise; sales unlimited.
      const perClick =
        event.perClick === 'unlimited'
          ? Infinity
          : (event.perClick ?? (event.kind === 'lead' ? 1 : Infinity));
      if (event.kind === 'sale') return [event.id, { ...event, perClick }];
      const amount = parseDecimal(event.amount);
      const amountMinor = amount === undefined ? undefined : toMinorUnits(amount, currencyDigits);
      if (amountMinor === undefined)
        issues.push({
          path: `events[${index}].amount`,
          message: `at most ${currencyDigits} decimals in ${file.currency}`,
        });
      return [event.id, { ...event, amountMinor: amountMinor ?? 0, perClick }];
    }),
  );
  if (issues.length > 0) throw new InvalidTermsError(source, issues);
  return {
    id: file.id,
    currency: file.currency,
    currencyDigits,
    file,
    reasonRules: {
      ...NETWORK_REASON_RULES,
      ...file.reasonRules,
      // Either currency code names the program's currency rule, whichever the file maps.
      currency_not_usd: file.reasonRules.currency_not_usd ?? file.reasonRules.currency_not_accepted,
      currency_not_accepted:
        file.reasonRules.currency_not_accepted ?? file.reasonRules.currency_not_usd,
    } as Record<ReasonCode, string>,
    events,
    countryGroups,
    versions: byStart.map((entry) => entry.version),
  };
}

/**
 * AE-C5: AliExpress's terms map `currency_not_usd` and accept US dollars only, and its orders in
 * another currency keep that code. Any other program's terms (a file that maps
 * `currency_not_accepted`, or accepts another currency) give the generic `currency_not_accepted`.
 */
function currencyReasonOf(
  file: TermsFile,
  orderCurrencies: readonly string[],
): 'currency_not_usd' | 'currency_not_accepted' {
  const usdOnly = orderCurrencies.length > 0 && orderCurrencies.every((c) => c === 'USD');
  return usdOnly &&
    file.reasonRules.currency_not_usd !== undefined &&
    file.reasonRules.currency_not_accepted === undefined
    ? 'currency_not_usd'
    : 'currency_not_accepted';
}

function resolveCountryGroups(
  groups: Record<string, string[]>,
  issues: Issue[],
): Map<string, Set<string>> {
  const resolved = new Map<string, Set<string>>();
  const resolving = new Set<string>();
  const resolve = (name: string, path: string): Set<string> => {
    const done = resolved.get(name);
    if (done) return done;
    const members = groups[name];
    if (members === undefined) {
      issues.push({
        path,
        message: `unknown country group "${name}": define it under countryGroups`,
      });
      return new Set();
    }
    if (resolving.has(name)) {
      issues.push({ path, message: `country group "${name}" refers to itself` });
      return new Set();
    }
    resolving.add(name);
    const set = new Set<string>();
    members.forEach((member, index) => {
      for (const code of expand(member, `countryGroups.${name}[${index}]`)) set.add(code);
    });
    resolving.delete(name);
    resolved.set(name, set);
    return set;
  };
  const expand = (member: string, path: string): Iterable<string> =>
    member.startsWith('group:') ? resolve(member.slice('group:'.length), path) : [member];
  for (const name of Object.keys(groups)) resolve(name, `countryGroups.${name}`);
  return resolved;
}

function expandCountries(
  list: readonly string[],
  path: string,
  countryGroups: ReadonlyMap<string, ReadonlySet<string>>,
  issues: Issue[],
): Set<string> {
  const set = new Set<string>();
  list.forEach((entry, index) => {
    if (!entry.startsWith('group:')) {
      set.add(entry);
      return;
    }
    const name = entry.slice('group:'.length);
    const group = countryGroups.get(name);
    if (group === undefined) {
      issues.push({
        path: `${path}[${index}]`,
        message: `unknown country group "${name}": define it under countryGroups`,
      });
      return;
    }
    for (const code of group) set.add(code);
  });
  return set;
}

function compileVersion(
  version: TermsVersionFile,
  path: string,
  file: TermsFile,
  countryGroups: ReadonlyMap<string, ReadonlySet<string>>,
  currencyDigits: number,
  issues: Issue[],
): TermsVersion {
  const startDay = dayNumberOfIsoDate(version.effectiveFrom);
  const effectiveFromMs =
    startDay !== undefined
      ? startDay * 86_400_000
      : (parseIsoInstant(version.effectiveFrom) as number);

  const groupIds = new Set<string>();
  const groups = version.commission.groups.map((group, index): CommissionGroup => {
    if (groupIds.has(group.id))
      issues.push({
        path: `${path}.commission.groups[${index}].id`,
        message: `duplicate group id "${group.id}"`,
      });
    groupIds.add(group.id);
    return {
      id: group.id,
      name: nameIn(group.name, 'en'),
      rate: parseDecimal(group.rate) as Decimal,
      rateText: group.rate,
      rule: group.rule,
      stores: group.match.stores ? new Set(group.match.stores) : undefined,
      categories: group.match.categories ? new Set(group.match.categories) : undefined,
    };
  });
  const last = groups[groups.length - 1];
  if (last !== undefined && (last.stores !== undefined || last.categories !== undefined)) {
    issues.push({
      path: `${path}.commission.groups[${groups.length - 1}].match`,
      message: 'the last group must match every item (leave match empty) so no item goes unpriced',
    });
  }

  let capMinor: number | undefined;
  if (version.cap !== null) {
    if (version.cap.currency !== file.currency) {
      issues.push({
        path: `${path}.cap.currency`,
        message: `expected the program currency "${file.currency}"`,
      });
    }
    capMinor = toMinorUnits(parseDecimal(version.cap.amount) as Decimal, currencyDigits);
    if (capMinor === undefined) {
      issues.push({
        path: `${path}.cap.amount`,
        message: `expected at most ${currencyDigits} decimal places`,
      });
    }
  }

  const bonusByCountry = new Map<string, number>();
  version.newBuyerBonus?.rows.forEach((row, rowIndex) => {
    const rowPath = `${path}.newBuyerBonus.rows[${rowIndex}]`;
    const amount = toMinorUnits(parseDecimal(row.amount) as Decimal, currencyDigits);
    if (amount === undefined) {
      issues.push({
        path: `${rowPath}.amount`,
        message: `expected at most ${currencyDigits} decimal places`,
      });
      return;
    }
    for (const country of expandCountries(
      row.countries,
      `${rowPath}.countries`,
      countryGroups,
      issues,
    )) {
      if (bonusByCountry.has(country)) {
        issues.push({
          path: `${rowPath}.countries`,
          message: `${country} already has a bonus in an earlier row`,
        });
      }
      bonusByCountry.set(country, amount);
    }
  });

  return {
    id: version.id,
    effectiveFromMs,
    voucherCodes: version.attribution?.voucherCodes ?? file.attribution?.voucherCodes ?? 'none',
    orderCurrencies: new Set(version.orderCurrencies),
    currencyReason: currencyReasonOf(file, version.orderCurrencies),
    groups,
    excludeVirtual: version.exclusions.virtualProducts,
    excludedCategories: new Set(version.exclusions.categories),
    excludedStores: new Set(version.exclusions.stores),
    sellerCountries:
      version.sellerCountries === undefined
        ? undefined
        : expandCountries(
            version.sellerCountries,
            `${path}.sellerCountries`,
            countryGroups,
            issues,
          ),
    serviceFeeReviewShare:
      version.serviceFee === undefined
        ? undefined
        : (parseDecimal(version.serviceFee.reviewAboveShare) as Decimal),
    maxVouchersPerOrder: version.vouchers?.maxPerOrder ?? Number.POSITIVE_INFINITY,
    capMinor,
    fxMaxDaysBack: version.fx.maxDaysBack,
    fraudOutcome: version.fraud.outcome,
    bonusRequiresCommissionableLine: version.newBuyerBonus?.requiresCommissionableLine ?? true,
    bonusRule: version.newBuyerBonus?.rule ?? '',
    bonusByCountry,
  };
}

/** A prohibited kind of content in `locale`: its Dutch words when the terms give them. */
export function prohibitedWords(
  entry: { en: string; nl?: string | undefined },
  locale: 'nl' | 'en',
): string {
  return locale === 'nl' ? (entry.nl ?? entry.en) : entry.en;
}

/** A commission group's name in `locale` (the newest version naming it), else its id. */
export function groupName(
  terms: ProgramTerms | undefined,
  groupId: string,
  locale: 'nl' | 'en',
): string {
  for (const version of [...(terms?.file.versions ?? [])].reverse()) {
    const group = version.commission.groups.find((candidate) => candidate.id === groupId);
    if (group !== undefined) return nameIn(group.name, locale);
  }
  return groupId;
}

/** Every rule id in the file carries the program's prefix, when it declares one. */
function checkRuleIds(file: TermsFile, issues: Issue[]): void {
  const prefix = file.rulePrefix;
  if (prefix === undefined) return;
  const visit = (value: unknown, path: string, key: string | undefined): void => {
    if (typeof value === 'string') {
      const isRule =
        key === 'rule' || path.startsWith('reasonRules.') || path.startsWith('compliance.rules.');
      if (isRule && !value.startsWith(`${prefix}-`))
        issues.push({ path, message: `expected a rule id of this program: "${prefix}-…"` });
      return;
    }
    if (Array.isArray(value)) value.forEach((entry, i) => visit(entry, `${path}[${i}]`, key));
    else if (typeof value === 'object' && value !== null)
      for (const [name, entry] of Object.entries(value))
        visit(entry, path === '' ? name : `${path}.${name}`, name);
  };
  visit(file, '', undefined);
}

/**
 * The reasons the terms can give, each of which needs the program's rule id: the ones every
 * program can give, and those its own clauses add (seller countries, excluded stores, …).
 */
export function reasonsTheTermsCanGive(file: TermsFile): ReasonCode[] {
  const reasons: ReasonCode[] = [
    'currency_not_accepted',
    'order_cancelled',
    'order_refunded',
    'fraud',
    'not_in_stock',
    'line_cancelled',
    'line_refunded',
  ];
  const versions = file.versions;
  if (versions.some((v) => v.orderCurrencies.some((currency) => currency !== file.currency)))
    reasons.push('missing_fx_rate');
  if (versions.some((v) => v.vouchers !== undefined)) reasons.push('multiple_vouchers');
  if (versions.some((v) => v.exclusions.virtualProducts || v.exclusions.categories.length > 0))
    reasons.push('virtual_product');
  if (versions.some((v) => v.sellerCountries !== undefined)) reasons.push('seller_not_prc');
  if (versions.some((v) => v.exclusions.stores.length > 0)) reasons.push('excluded_store');
  return reasons;
}

function checkReasonRules(file: TermsFile, issues: Issue[]): void {
  const mapped = file.reasonRules as Partial<Record<ReasonCode, string>>;
  for (const reason of reasonsTheTermsCanGive(file))
    if (
      mapped[reason] === undefined &&
      // Older files name the currency rule under AliExpress's code (AE-C5): it counts too.
      !(reason === 'currency_not_accepted' && mapped.currency_not_usd !== undefined)
    )
      issues.push({
        path: `reasonRules.${reason}`,
        message: `missing: name the rule that takes commission away for "${reason}"`,
      });
}

/** The facts a publisher's reason words need, from the program's newest version. */
export function reasonFactsOf(terms: ProgramTerms): ReasonFacts {
  const version = terms.versions[terms.versions.length - 1];
  return {
    currencies: [...(version?.orderCurrencies ?? [])],
    sellerCountries: [...(version?.sellerCountries ?? [])],
    stores: [...(version?.excludedStores ?? [])],
    categories: [...(version?.excludedCategories ?? [])],
    fxDays: version?.fxMaxDaysBack ?? 7,
  };
}
