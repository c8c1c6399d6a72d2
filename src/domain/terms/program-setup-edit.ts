import type { TermsFile } from './terms-schema.js';
import {
  SETUP_METHODS,
  termsFromSetup,
  type ProgramSetupInput,
  type SetupIssue,
  type TermsDocument,
} from './program-setup.js';

/**
 * A live program's terms edited in the guided form (issue 27, item 4): the form filled in from
 * the current terms, and the terms the edited form gives. What a program page says (names,
 * descriptions, tracking, validation, methods) is replaced; the pricing versions in force stay
 * word for word, and changed rates or currencies become a new version taking effect on the
 * date the advertiser gives, so the publication refuses a back-dated one (NET-T1) as it
 * refuses any. Offered only for terms the form can say whole (the form's own); others are
 * edited in YAML.
 */

/** A rate ("0.075") as the percentage the form shows ("7.5"), exactly. */
export function rateToPercent(rate: string): string {
  const [units = '0', decimals = ''] = rate.split('.');
  const padded = decimals.padEnd(2, '0');
  const whole = String(Number(`${units}${padded.slice(0, 2)}`));
  const rest = padded.slice(2);
  return rest === '' ? whole : `${whole}.${rest}`;
}

const joined = (list: readonly string[] | undefined) => (list ?? []).join(', ');

/** The form as the current terms fill it in (the newest version's pricing). */
export function setupFromTerms(file: TermsFile): ProgramSetupInput {
  const newest = file.versions[file.versions.length - 1]!;
  const nameOf = (name: string | { nl: string; en: string }) =>
    typeof name === 'string' ? { nl: name, en: name } : name;
  const contact = file.contacts[0];
  const generated = (text: { nl: string; en: string }) =>
    text.en === 'The promotion methods this program allows and forbids are listed below.';
  return {
    id: file.id,
    name: file.name,
    company: file.advertiser,
    descriptionNl: file.description.nl,
    descriptionEn: file.description.en,
    landingUrl: file.landingUrl,
    deeplinkDomains: joined(file.tracking.deeplinking.domains),
    currencies: joined(newest.orderCurrencies),
    categories: joined(file.categories),
    markets: joined(file.markets),
    groups: newest.commission.groups.map((group) => ({
      nameNl: nameOf(group.name).nl,
      nameEn: nameOf(group.name).en,
      rate: rateToPercent(group.rate),
      categories: joined(group.match.categories),
    })),
    leads: file.events.flatMap((event) =>
      event.kind === 'lead' ? [{ name: event.name, amount: event.amount }] : [],
    ),
    cookieDays: file.tracking.type === 'cookie' ? String(file.tracking.cookieDays) : '',
    validationDays:
      file.validation.deadlineDays === null ? '' : String(file.validation.deadlineDays),
    atDeadline: file.validation.atDeadline,
    voucherCodes: newest.attribution?.voucherCodes ?? file.attribution?.voucherCodes ?? 'none',
    methods: Object.fromEntries(
      SETUP_METHODS.map((method) => [
        method,
        file.policies.find((policy) => policy.method === method)?.status ?? '',
      ]),
    ),
    acceptedNl: generated(file.acceptedMethods) ? '' : file.acceptedMethods.nl,
    acceptedEn: generated(file.acceptedMethods) ? '' : file.acceptedMethods.en,
    contactName: contact?.name === file.advertiser ? '' : (contact?.name ?? ''),
    contactEmail: contact?.email ?? '',
  };
}

/**
 * The terms the edited form gives for a live program: the form's document with the program's
 * id and rule prefix, its versions kept, and a new version from `effectiveFrom` when the
 * newest one's pricing (order currencies, commission groups) or voucher-code attribution changed.
 */
export function editedTerms(
  current: TermsFile,
  input: ProgramSetupInput,
  effectiveFrom: string,
): { terms: TermsDocument; issues: [] } | { terms: undefined; issues: SetupIssue[] } {
  const written = termsFromSetup({ ...input, id: current.id }, effectiveFrom, current.rulePrefix);
  if (written.terms === undefined) return written;
  const [version] = written.terms.versions;
  const newest = current.versions[current.versions.length - 1]!;
  const pricing = (v: {
    orderCurrencies: unknown;
    commission: { groups: unknown };
    attribution?: { voucherCodes?: string } | undefined;
  }) => JSON.stringify([v.orderCurrencies, v.commission.groups, v.attribution?.voucherCodes]);
  // The voucher mode in force under the newest version (its own, else the file's), as the
  // form writes it: absent for none.
  const mode = newest.attribution?.voucherCodes ?? current.attribution?.voucherCodes ?? 'none';
  const unchanged =
    version !== undefined &&
    pricing(version) ===
      pricing({
        ...(mode === 'none' ? {} : { attribution: { voucherCodes: mode } }),
        orderCurrencies: newest.orderCurrencies,
        commission: {
          groups: newest.commission.groups.map(({ match, ...group }) =>
            match.categories === undefined && match.stores === undefined
              ? group
              : { ...group, match },
          ),
        },
      });
  const ids = new Set(current.versions.map((v) => v.id));
  let id = `v${current.versions.length + 1}`;
  for (let n = 2; ids.has(id); n++) id = `v${current.versions.length + 1}-${n}`;
  return {
    terms: {
      ...written.terms,
      versions: unchanged ? current.versions : [...current.versions, { ...version!, id }],
    },
    issues: [],
  };
}

/**
 * Whether the form says the whole of these terms: filled in from them and written back
 * unchanged, they are the same document. Terms with more than the form asks (caps, country
 * groups, documents, …) are edited in YAML.
 */
export function formSaysAll(
  file: TermsFile,
  same: (document: TermsDocument) => boolean,
): ProgramSetupInput | undefined {
  const input = setupFromTerms(file);
  const newest = file.versions[file.versions.length - 1]!;
  const written = editedTerms(file, input, newest.effectiveFrom);
  return written.terms !== undefined && same(written.terms) ? input : undefined;
}
