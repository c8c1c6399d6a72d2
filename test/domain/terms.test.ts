import { describe, expect, it } from 'vitest';
import { compileTermsOrThrow, groupName } from '../../src/domain/terms/compile-terms.js';
import { parseProgramTermsOrThrow } from '../../src/programs/load-program-terms.js';
import { readFileSync } from 'node:fs';
import { ALIEXPRESS_PATH, aliexpress, aliexpressDocument } from '../support/terms.js';

function messageOf(
  change: (file: Record<string, unknown>, version: Record<string, unknown>) => void,
): string {
  const file = aliexpressDocument();
  change(file, (file.versions as Record<string, unknown>[])[0]!);
  try {
    compileTermsOrThrow(file, 'aliexpress.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the terms to be refused');
}

const groups = (version: Record<string, unknown>) =>
  (version.commission as { groups: Record<string, unknown>[] }).groups;

describe('AliExpress terms file', () => {
  const version = aliexpress.versions[0]!;

  it('holds the events table as live configuration (AE-C1)', () => {
    expect(version.groups.map((group) => [group.name, group.rateText])).toEqual([
      ['AliExpress Marketplace sales', '0.008'],
      ['AliExpress Mobile Phone Sale', '0.035'],
      ['AliExpress Sales', '0.07'],
    ]);
  });

  it('names each commission group in Dutch and English; one name serves both', () => {
    expect(version.groups.map((group) => groupName(aliexpress, group.id, 'nl'))).toEqual([
      'Verkopen op AliExpress Marketplace',
      'Verkoop van mobiele telefoons op AliExpress',
      'Verkopen op AliExpress',
    ]);
    const document = aliexpressDocument() as { versions: { commission: { groups: object[] } }[] };
    const groups = document.versions[0]!.commission.groups;
    groups[2] = { ...groups[2], name: 'Sales' };
    const terms = compileTermsOrThrow(document, 'one-name.yaml');
    expect(['nl', 'en'].map((lang) => groupName(terms, 'sales', lang as 'nl'))).toEqual([
      'Sales',
      'Sales',
    ]);
    groups[2] = { ...groups[2], name: { nl: 'Verkopen' } };
    expect(() => compileTermsOrThrow(document, 'half-a-name.yaml')).toThrow(
      /commission\.groups\[2\]\.name/,
    );
  });

  it('holds exclusions, seller countries, the USD rule and the cap (AE-C2, C4, C5, C6)', () => {
    expect([...version.excludedCategories]).toEqual([
      'gift-cards',
      'coupons',
      'travel',
      'books',
      'special',
    ]);
    expect([...version.excludedStores]).toEqual(['tmall', 'plaza']);
    expect([...(version.sellerCountries ?? [])]).toEqual(['CN']);
    expect([...version.orderCurrencies]).toEqual(['USD']);
    expect(version.capMinor).toBe(3094);
    expect(version.fxMaxDaysBack).toBe(7);
  });

  it('holds the new-buyer bonus table in cents (AE-B1)', () => {
    expect(Object.fromEntries(version.bonusByCountry)).toEqual({
      RU: 123,
      ES: 245,
      FR: 245,
      NL: 245,
      BE: 245,
      PL: 184,
      SA: 184,
      AE: 184,
      TR: 184,
    });
  });

  it('names the Russian-speaking country group (AE-C9)', () => {
    expect([...aliexpress.countryGroups.get('russian_speaking')!].sort()).toEqual(
      ['RU', 'AM', 'BY', 'EE', 'LT', 'LV', 'UA', 'MD', 'GE', 'KZ', 'UZ', 'KG', 'TM', 'TJ'].sort(),
    );
  });

  it('holds tracking, facts, policies and contacts (AE-T1, T4, T5, P1–P3)', () => {
    const { tracking, facts, policies, contacts } = aliexpress.file;
    expect(tracking).toEqual({
      type: 'session',
      sessionWindowHours: 24,
      rule: 'AE-T1',
      deeplinking: { allowed: false, domains: [], rule: 'AE-T4' },
    });
    expect(facts).toEqual({ prepayment: false, productFeed: false, rule: 'AE-T5' });
    const status = Object.fromEntries(policies.map((policy) => [policy.method, policy.status]));
    expect(status).toMatchObject({
      keyword_marketing: 'closed',
      email_marketing: 'after_approval',
      search_engine_advertising: 'forbidden',
      google_shopping: 'forbidden',
      cashback_loyalty: 'allowed',
      voucher_codes: 'allowed',
      price_comparison: 'allowed',
    });
    expect(contacts.map((contact) => contact.role)).toEqual([
      'account_manager',
      'publisher_manager',
    ]);
  });
});

describe('invalid terms are refused with the path and the problem', () => {
  it.each<
    [string, (file: Record<string, unknown>, version: Record<string, unknown>) => void, string]
  >([
    [
      'a rate above 1',
      (_, v) => void (groups(v)[1]!.rate = '3.5'),
      'versions[0].commission.groups[1].rate: expected a decimal between 0 and 1, got "3.5"',
    ],
    [
      'a rate that is not a number',
      (_, v) => void (groups(v)[1]!.rate = 'seven'),
      'versions[0].commission.groups[1].rate: expected a decimal between 0 and 1, got "seven"',
    ],
    [
      'a negative bonus',
      (_, v) => void ((v.newBuyerBonus as { rows: { amount: string }[] }).rows[0]!.amount = '-1'),
      'versions[0].newBuyerBonus.rows[0].amount: expected a non-negative decimal amount, got "-1"',
    ],
    [
      'a bonus with sub-cents',
      (_, v) =>
        void ((v.newBuyerBonus as { rows: { amount: string }[] }).rows[0]!.amount = '1.234'),
      'versions[0].newBuyerBonus.rows[0].amount: expected at most 2 decimal places',
    ],
    [
      'a country twice in the bonus table',
      (_, v) =>
        void (v.newBuyerBonus as { rows: { countries: string[] }[] }).rows[1]!.countries.push('RU'),
      'versions[0].newBuyerBonus.rows[1].countries: RU already has a bonus in an earlier row',
    ],
    [
      'an unknown country group',
      (_, v) => void (v.sellerCountries = ['group:nowhere']),
      'versions[0].sellerCountries[0]: unknown country group "nowhere": define it under countryGroups',
    ],
    [
      'a bad country code',
      (_, v) => void (v.sellerCountries = ['China']),
      'versions[0].sellerCountries[0]: expected an ISO 3166-1 alpha-2 country code',
    ],
    [
      'a last group that does not match everything',
      (_, v) => void (groups(v)[2]!.match = { stores: ['aliexpress'] }),
      'versions[0].commission.groups[2].match: the last group must match every item',
    ],
    [
      'a cap in another currency',
      (_, v) => void (v.cap = { amount: '30.94', currency: 'USD' }),
      'versions[0].cap.currency: expected the program currency "EUR"',
    ],
    [
      'a misspelt setting',
      (_, v) => void (v.vouchrs = {}),
      'versions[0]: Unrecognized key: "vouchrs"',
    ],
    [
      'a missing reason rule',
      (file) => void delete (file.reasonRules as Record<string, string>).fraud,
      'reasonRules.fraud',
    ],
    [
      'two versions starting together',
      (file) =>
        void (file.versions as unknown[]).push({
          ...(file.versions as Record<string, unknown>[])[0],
          id: 'again',
        }),
      'versions[1].effectiveFrom: same effectiveFrom as versions[0]',
    ],
  ])('%s', (_, change, message) => {
    expect(messageOf(change)).toContain(message);
  });

  it('names the file and the YAML position of a syntax error', () => {
    expect(() => parseProgramTermsOrThrow('id: [unclosed', 'programs/broken.yaml')).toThrow(
      /^programs\/broken\.yaml: line 1, column \d+: /,
    );
  });

  it('lets a new version repeat the previous one with a YAML merge key and change one rate', () => {
    const text = readFileSync(ALIEXPRESS_PATH, 'utf8').concat(`
  - <<: *v2015-09
    id: '2026-11'
    effectiveFrom: '2026-11-01'
    commission:
      groups:
        - { id: marketplace, name: AliExpress Marketplace sales, rate: '0.01', rule: AE-C1, match: { stores: [marketplace] } }
        - { id: sales, name: AliExpress Sales, rate: 0.075, rule: AE-C1 }
`);
    const terms = parseProgramTermsOrThrow(text, ALIEXPRESS_PATH);
    const [first, second] = terms.versions;
    expect(second!.groups.map((group) => group.rateText)).toEqual(['0.01', '0.075']);
    expect(second!.capMinor).toBe(first!.capMinor);
    expect(second!.bonusByCountry).toEqual(first!.bonusByCountry);
    expect(second!.effectiveFromMs).toBe(Date.UTC(2026, 10, 1));
  });
});
