import { isCountryCode } from '../countries.js';
import { isKnownCurrency } from '../money/currencies.js';
import { isCalendarRegion } from '../calendar/calendar-regions.js';
import { z } from 'zod';
import type { termsSchema } from './terms-schema.js';

/** A terms document as written (before the schema's defaults are filled in). */
export type TermsDocument = z.input<typeof termsSchema>;

/**
 * The guided program setup (issue 27, item 4): what most programs need, typed into a form by an
 * advertiser who has never seen a terms file, turned into the same terms a YAML file would give
 * (docs/writing-terms.md, "What the guided form writes"). Pure: the form's text goes in, the
 * terms document (or what to fix, field by field) comes out; the caller checks it with the
 * schema like any terms file.
 */

/** The promotion methods the form asks about, in the order it lists them. */
export const SETUP_METHODS = [
  'content_sites',
  'price_comparison',
  'cashback_loyalty',
  'voucher_codes',
  'email_marketing',
  'social_media',
  'keyword_marketing',
  'google_shopping',
  'search_engine_advertising',
  'brand_bidding',
  'incentivised_traffic',
  'pop_ups',
  'cookie_stuffing',
] as const;

/** What the form says of a method: not mentioned (''), or a policy status. */
export const SETUP_METHOD_STATUSES = ['', 'allowed', 'after_approval', 'forbidden'] as const;
export const SETUP_DEADLINE_RULES = ['none', 'approve', 'decline'] as const;
/**
 * Who an order reporting a publisher's exclusive voucher code is credited to (issue 29,
 * docs/feeds-and-promotions.md): nobody for the code (none), the code's site when no click
 * attributes the order (fallback), the code's site even over a click (wins).
 */
export const SETUP_VOUCHER_MODES = ['none', 'fallback', 'wins'] as const;

/** How many commission group rows and lead rows the form offers (and accepts). */
export const MAX_SETUP_GROUPS = 10;
export const MAX_SETUP_LEADS = 5;

/** One commission group row as typed: Dutch and English names, a percentage, its categories. */
export interface SetupGroupInput {
  nameNl: string;
  nameEn: string;
  /** Percent of the order value, as typed ("6", "6,5"). */
  rate: string;
  /** Comma-separated product categories; empty: everything not matched before. */
  categories: string;
}

export interface SetupLeadInput {
  name: string;
  /** Euros per lead, as typed ("1,50"). */
  amount: string;
}

/** The guided form, every field as typed (a list field comma-separated). */
export interface ProgramSetupInput {
  id: string;
  name: string;
  company: string;
  descriptionNl: string;
  descriptionEn: string;
  landingUrl: string;
  deeplinkDomains: string;
  currencies: string;
  categories: string;
  markets: string;
  groups: SetupGroupInput[];
  leads: SetupLeadInput[];
  cookieDays: string;
  validationDays: string;
  atDeadline: string;
  /** none | fallback | wins (SETUP_VOUCHER_MODES); empty: none. */
  voucherCodes: string;
  /** Method → '' | allowed | after_approval | forbidden. */
  methods: Record<string, string>;
  acceptedNl: string;
  acceptedEn: string;
  contactName: string;
  contactEmail: string;
}

export type SetupField =
  | Exclude<keyof ProgramSetupInput, 'groups' | 'leads' | 'methods'>
  | 'groupNameNl'
  | 'groupNameEn'
  | 'groupRate'
  | 'groupCategories'
  | 'groups'
  | 'leadName'
  | 'leadAmount'
  | 'methods';

/** What is wrong with one field (the portal words each problem in the reader's language). */
export type SetupProblem =
  | 'required'
  | 'tooLong'
  | 'id'
  | 'url'
  | 'domain'
  | 'currency'
  | 'category'
  | 'country'
  | 'rate'
  | 'amount'
  | 'days'
  | 'deadlineNeedsDays'
  | 'email'
  | 'choice'
  | 'lastGroupMatchesAll'
  | 'groupNeedsCategories'
  | 'tooManyRows'
  | 'landingOutsideDomains';

export interface SetupIssue {
  field: SetupField;
  /** The row of a group or lead field. */
  index?: number;
  problem: SetupProblem;
  /** What the words fill in: the value at fault, limits. */
  values?: Record<string, string>;
}

const typed = z.string().max(10_000).default('');
const TEXT_FIELDS = [
  'id',
  'name',
  'company',
  'descriptionNl',
  'descriptionEn',
  'landingUrl',
  'deeplinkDomains',
  'currencies',
  'categories',
  'markets',
  'cookieDays',
  'validationDays',
  'atDeadline',
  'voucherCodes',
  'acceptedNl',
  'acceptedEn',
  'contactName',
  'contactEmail',
] as const satisfies readonly Exclude<keyof ProgramSetupInput, 'groups' | 'leads' | 'methods'>[];

/** The form as kept with a draft (JSON), read back: anything else in it is dropped. */
export const setupInputSchema: z.ZodType<ProgramSetupInput> = z.object({
  ...(Object.fromEntries(TEXT_FIELDS.map((name) => [name, typed])) as Record<
    (typeof TEXT_FIELDS)[number],
    typeof typed
  >),
  groups: z
    .array(z.object({ nameNl: typed, nameEn: typed, rate: typed, categories: typed }))
    .max(100)
    .default([]),
  leads: z
    .array(z.object({ name: typed, amount: typed }))
    .max(100)
    .default([]),
  methods: z.record(z.string().max(100), z.string().max(100)).default({}),
});

/** An empty form: one group row to fill in, EUR, a 30-day cookie and a 30-day validation. */
export function emptySetup(company = ''): ProgramSetupInput {
  return {
    id: '',
    name: '',
    company,
    descriptionNl: '',
    descriptionEn: '',
    landingUrl: '',
    deeplinkDomains: '',
    currencies: 'EUR',
    categories: '',
    markets: '',
    groups: [],
    leads: [],
    cookieDays: '30',
    validationDays: '30',
    atDeadline: 'approve',
    voucherCodes: 'none',
    methods: {},
    acceptedNl: '',
    acceptedEn: '',
    contactName: '',
    contactEmail: '',
  };
}

const SLUG = /^[a-z0-9][a-z0-9_-]*$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LIMITS: Partial<Record<SetupField, number>> = {
  id: 40,
  name: 100,
  company: 200,
  descriptionNl: 2000,
  descriptionEn: 2000,
  landingUrl: 500,
  deeplinkDomains: 1000,
  currencies: 200,
  categories: 1000,
  markets: 500,
  acceptedNl: 2000,
  acceptedEn: 2000,
  contactName: 200,
  contactEmail: 200,
  groupNameNl: 100,
  groupNameEn: 100,
  groupCategories: 1000,
  leadName: 100,
};

/** A comma- (or space-) separated list as its entries. */
function listOf(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Distinct entries in the order first typed. */
const distinct = (list: string[]) => [...new Set(list)];

/**
 * A percentage as typed ("6", "6,5", "12.25") as the fraction the terms hold ("0.06", "0.065",
 * "0.1225"), exactly (decimal digits moved, never a float); undefined when it is not one from 0
 * to 100 with at most 4 decimals.
 */
export function percentToRate(text: string): string | undefined {
  const match = /^(\d{1,3})(?:[.,](\d{1,4}))?$/.exec(text.trim());
  if (match === null) return undefined;
  const whole = match[1]!.padStart(3, '0');
  const decimals = match[2] ?? '';
  const units = String(Number(whole.slice(0, -2)));
  if (Number(`${whole}.${decimals || '0'}`) > 100) return undefined;
  return `${units}.${whole.slice(-2)}${decimals}`;
}

/** Euros as typed ("1,50", "2") as the terms' amount ("1.50", "2.00"); at most 2 decimals. */
export function euroAmount(text: string): string | undefined {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (match === null) return undefined;
  return `${String(Number(match[1]))}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/** A rule prefix for the program's rule ids from its id: its first letters, in capitals. */
export function rulePrefixOf(id: string): string {
  const letters = id.replace(/[^a-z0-9]/gi, '').toUpperCase();
  const prefix = /^[A-Z]/.test(letters) ? letters : `P${letters}`;
  return `${prefix}XX`.slice(0, Math.max(2, Math.min(3, prefix.length)));
}

/** A group id from its English name: lower case, words joined by "-". */
function groupIdOf(name: string, index: number, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || `group-${index + 1}`;
  let id = SLUG.test(base) ? base : `group-${index + 1}`;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Whether a row was left empty (the form offers empty rows to fill in). */
const blankGroup = (group: SetupGroupInput) =>
  [group.nameNl, group.nameEn, group.rate, group.categories].every((v) => v.trim() === '');
const blankLead = (lead: SetupLeadInput) => lead.name.trim() === '' && lead.amount.trim() === '';

/**
 * The terms document the form describes, dated from `today` (YYYY-MM-DD: its one version takes
 * effect then), or every field to fix. The document still goes through the terms schema (and
 * its checks of a new program) as any terms file does.
 */
export function termsFromSetup(
  input: ProgramSetupInput,
  today: string,
  /** A live program's prefix (its rule ids stay as they are); new: made from the id. */
  rulePrefix?: string,
): { terms: TermsDocument; issues: [] } | { terms: undefined; issues: SetupIssue[] } {
  const issues: SetupIssue[] = [];
  const problem = (
    field: SetupField,
    kind: SetupProblem,
    values?: Record<string, string>,
    index?: number,
  ) => {
    issues.push({
      field,
      problem: kind,
      ...(index === undefined ? {} : { index }),
      ...(values ? { values } : {}),
    });
  };
  const text = (field: SetupField, value: string, required: boolean, index?: number): string => {
    const trimmed = value.trim();
    const max = LIMITS[field];
    if (required && trimmed === '') problem(field, 'required', undefined, index);
    else if (max !== undefined && trimmed.length > max)
      problem(field, 'tooLong', { max: String(max) }, index);
    return trimmed;
  };
  /** A list field whose every entry passes `valid` (each wrong one named). */
  const list = (
    field: SetupField,
    value: string,
    kind: SetupProblem,
    valid: (entry: string) => boolean,
    normalize: (entry: string) => string,
    index?: number,
  ): string[] => {
    const entries = distinct(listOf(text(field, value, false, index)).map(normalize));
    const wrong = entries.find((entry) => !valid(entry));
    if (wrong !== undefined) problem(field, kind, { value: wrong }, index);
    return entries;
  };
  const days = (field: SetupField, value: string, min: number, max: number, required: boolean) => {
    const trimmed = value.trim();
    if (trimmed === '') {
      if (required) problem(field, 'required');
      return null;
    }
    const n = /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : NaN;
    if (!(n >= min && n <= max)) {
      problem(field, 'days', { min: String(min), max: String(max) });
      return null;
    }
    return n;
  };

  const id = text('id', input.id, true).toLowerCase();
  if (id !== '' && !SLUG.test(id)) problem('id', 'id');
  const name = text('name', input.name, true);
  const company = text('company', input.company, true);
  const description = {
    nl: text('descriptionNl', input.descriptionNl, true),
    en: text('descriptionEn', input.descriptionEn, true),
  };
  const landingUrl = text('landingUrl', input.landingUrl, true);
  if (landingUrl !== '' && !isHttpUrl(landingUrl)) problem('landingUrl', 'url');
  const domains = list(
    'deeplinkDomains',
    input.deeplinkDomains,
    'domain',
    (host) => HOST.test(host),
    (host) => host.toLowerCase(),
  );
  // Deep links go to these domains only: the landing page on none of them is a typing mistake.
  const landingHost = isHttpUrl(landingUrl) ? new URL(landingUrl).hostname : undefined;
  if (
    landingHost !== undefined &&
    domains.length > 0 &&
    domains.every((host) => HOST.test(host)) &&
    !domains.some((host) => landingHost === host || landingHost.endsWith(`.${host}`))
  )
    problem('deeplinkDomains', 'landingOutsideDomains', { value: landingHost });
  const currencies = list('currencies', input.currencies, 'currency', isKnownCurrency, (code) =>
    code.toUpperCase(),
  );
  if (currencies.length === 0 && !issues.some((i) => i.field === 'currencies'))
    problem('currencies', 'required');
  const categories = list(
    'categories',
    input.categories,
    'category',
    (slug) => SLUG.test(slug),
    (slug) => slug.toLowerCase(),
  );
  const markets = list('markets', input.markets, 'country', isCountryCode, (code) =>
    code.toUpperCase(),
  );
  const cookieDays = days('cookieDays', input.cookieDays, 1, 365, true);
  const deadlineDays = days('validationDays', input.validationDays, 1, 730, false);
  const atDeadline = input.atDeadline.trim() || 'none';
  if (!(SETUP_DEADLINE_RULES as readonly string[]).includes(atDeadline))
    problem('atDeadline', 'choice');
  else if (
    atDeadline !== 'none' &&
    deadlineDays === null &&
    !issues.some((i) => i.field === 'validationDays')
  )
    problem('validationDays', 'deadlineNeedsDays');
  const voucherCodes = (input.voucherCodes ?? '').trim() || 'none';
  if (!(SETUP_VOUCHER_MODES as readonly string[]).includes(voucherCodes))
    problem('voucherCodes', 'choice');
  const accepted = {
    nl: text('acceptedNl', input.acceptedNl, false),
    en: text('acceptedEn', input.acceptedEn, false),
  };
  const contactName = text('contactName', input.contactName, false);
  const contactEmail = text('contactEmail', input.contactEmail, false).toLowerCase();
  if (contactEmail !== '' && !EMAIL.test(contactEmail)) problem('contactEmail', 'email');

  const prefix = rulePrefix ?? rulePrefixOf(id || 'program');
  const rule = (section: string) => `${prefix}-${section}`;

  // Commission groups: the rows filled in, in order; the last one earns on everything else.
  if (input.groups.length > MAX_SETUP_GROUPS)
    problem('groups', 'tooManyRows', { max: String(MAX_SETUP_GROUPS) });
  const rows = input.groups
    .slice(0, MAX_SETUP_GROUPS)
    .map((group, index) => ({ group, index }))
    .filter(({ group }) => !blankGroup(group));
  if (rows.length === 0) problem('groups', 'required');
  const groupIds = new Set<string>();
  const groups = rows.map(({ group, index }, position) => {
    const names = {
      nl: text('groupNameNl', group.nameNl, true, index),
      en: text('groupNameEn', group.nameEn, true, index),
    };
    const rate = percentToRate(group.rate);
    if (rate === undefined)
      problem('groupRate', group.rate.trim() === '' ? 'required' : 'rate', undefined, index);
    const matches = list(
      'groupCategories',
      group.categories,
      'category',
      (slug) => SLUG.test(slug),
      (slug) => slug.toLowerCase(),
      index,
    );
    const last = position === rows.length - 1;
    if (last && matches.length > 0) problem('groupCategories', 'lastGroupMatchesAll', {}, index);
    if (!last && matches.length === 0)
      problem('groupCategories', 'groupNeedsCategories', {}, index);
    return {
      id: groupIdOf(names.en, index, groupIds),
      name: names,
      rate: rate ?? '0',
      rule: rule('C1'),
      ...(last ? {} : { match: { categories: matches } }),
    };
  });

  if (input.leads.length > MAX_SETUP_LEADS)
    problem('leadName', 'tooManyRows', { max: String(MAX_SETUP_LEADS) });
  const leads = input.leads
    .slice(0, MAX_SETUP_LEADS)
    .map((lead, index) => ({ lead, index }))
    .filter(({ lead }) => !blankLead(lead))
    .map(({ lead, index }, position) => {
      const leadName = text('leadName', lead.name, true, index);
      const amount = euroAmount(lead.amount);
      if (amount === undefined)
        problem('leadAmount', lead.amount.trim() === '' ? 'required' : 'amount', undefined, index);
      return {
        id: String(position + 2),
        name: leadName,
        kind: 'lead' as const,
        amount: amount ?? '0.00',
        rule: rule('C2'),
      };
    });

  const policies: NonNullable<TermsDocument['policies']> = [];
  for (const method of SETUP_METHODS) {
    const status = (input.methods[method] ?? '').trim();
    if (!(SETUP_METHOD_STATUSES as readonly string[]).includes(status)) {
      problem('methods', 'choice', { value: method });
      continue;
    }
    if (status === '') continue;
    const section = status === 'allowed' ? 'P1' : status === 'after_approval' ? 'P2' : 'P3';
    policies.push({
      method,
      status: status as 'allowed' | 'after_approval' | 'forbidden',
      rule: rule(section),
    });
  }

  if (issues.length > 0) return { terms: undefined, issues };

  const reasonRules: TermsDocument['reasonRules'] = {
    currency_not_accepted: rule('C3'),
    order_cancelled: rule('V2'),
    order_refunded: rule('V2'),
    line_cancelled: rule('V2'),
    line_refunded: rule('V2'),
    not_in_stock: rule('V2'),
    fraud: rule('V3'),
  };
  if (currencies.some((code) => code !== 'EUR')) reasonRules.missing_fx_rate = rule('C4');
  const terms: TermsDocument = {
    id,
    name,
    advertiser: company,
    currency: 'EUR',
    landingUrl,
    rulePrefix: prefix,
    categories,
    markets,
    description,
    benefits: { nl: [], en: [] },
    acceptedMethods: {
      nl:
        accepted.nl ||
        'De promotiemethoden die dit programma toestaat en verbiedt, staan hieronder.',
      en: accepted.en || 'The promotion methods this program allows and forbids are listed below.',
    },
    tracking: {
      type: 'cookie',
      cookieDays: cookieDays!,
      rule: rule('T1'),
      deeplinking: { allowed: domains.length > 0, domains, rule: rule('T2') },
    },
    facts: { prepayment: false, productFeed: false },
    contacts: [
      {
        role: 'advertiser_contact',
        name: contactName || company,
        ...(contactEmail === '' ? {} : { email: contactEmail }),
      },
    ],
    policies,
    enforcement: {
      claimWindowWorkingDays: 10,
      decisionWorkingDays: 20,
      calendar: markets.find(isCalendarRegion) ?? 'NL',
    },
    validation: {
      approveOnCompletion: false,
      deadlineDays,
      atDeadline: atDeadline as (typeof SETUP_DEADLINE_RULES)[number],
      rule: rule('V1'),
    },
    events: leads.length === 0 ? [] : [{ id: '1', name: 'Sale', kind: 'sale' }, ...leads],
    reasonRules,
    versions: [
      {
        id: 'v1',
        effectiveFrom: today,
        orderCurrencies: currencies,
        commission: { groups },
        // Voucher attribution is versioned (the mode in force at an order's placedAt applies):
        // written into the version, so a change is a new version as a rate change is.
        ...(voucherCodes === 'none'
          ? {}
          : {
              attribution: {
                voucherCodes: voucherCodes as (typeof SETUP_VOUCHER_MODES)[number],
              },
            }),
      },
    ],
  };
  return { terms, issues: [] };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}
