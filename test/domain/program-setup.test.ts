import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  emptySetup,
  percentToRate,
  euroAmount,
  termsFromSetup,
} from '../../src/domain/terms/program-setup.js';
import { LAMPENHUIS } from '../support/program-setup.js';
import { guidedSetupOf, setupSource } from '../../src/programs/setup-source.js';
import { editedTerms, rateToPercent } from '../../src/domain/terms/program-setup-edit.js';
import {
  parseNewProgramTermsOrThrow,
  parseProgramTermsOrThrow,
} from '../../src/programs/load-program-terms.js';
import { packageRoot } from '../../src/package-root.js';

const today = '2026-12-01';

describe('the guided program setup', () => {
  it('writes the same terms as the YAML the guide shows for the same input', async () => {
    const written = termsFromSetup(LAMPENHUIS, '2026-12-01');
    expect(written.issues).toEqual([]);
    const fromForm = parseNewProgramTermsOrThrow(setupSource(written.terms!), 'guided form');
    const guide = await readFile(join(packageRoot(), 'docs', 'writing-terms.md'), 'utf8');
    const yaml = /<!-- guided-form-example -->\s*```yaml\n([\s\S]*?)```/.exec(guide)![1]!;
    const fromYaml = parseProgramTermsOrThrow(yaml, 'docs/writing-terms.md');
    expect(fromForm).toEqual(fromYaml);
    expect(fromForm.file.versions[0]!.commission.groups.map((g) => [g.id, g.rate])).toEqual([
      ['smart-lamps', '0.04'],
      ['other-lighting', '0.075'],
    ]);
    expect(fromForm.events.get('2')).toMatchObject({ kind: 'lead', amountMinor: 150 });
  });

  it('converts percentages and euros exactly, refusing what is not one', () => {
    expect(['6', '6,5', '12.25', '0', '100', '0.0001', '33.3333'].map(percentToRate)).toEqual([
      '0.06',
      '0.065',
      '0.1225',
      '0.00',
      '1.00',
      '0.000001',
      '0.333333',
    ]);
    for (const wrong of ['100.01', '101', '-1', '6%', '1e2', '6.12345', ''])
      expect(percentToRate(wrong), wrong).toBeUndefined();
    expect(['1,50', '2', '0.5'].map(euroAmount)).toEqual(['1.50', '2.00', '0.50']);
    expect(euroAmount('1.505')).toBeUndefined();
  });

  it('says what to fix per field, each row by its position, and writes nothing then', () => {
    const written = termsFromSetup(
      {
        ...LAMPENHUIS,
        id: 'Lampen Huis',
        landingUrl: 'lampenhuis.example',
        deeplinkDomains: 'https://lampenhuis.example/shop',
        currencies: 'EURO',
        markets: 'NL, Nederland',
        groups: [
          { nameNl: 'Lampen', nameEn: '', rate: '7%', categories: '' },
          { nameNl: 'Rest', nameEn: 'Rest', rate: '5', categories: 'other' },
        ],
        leads: [{ name: 'Sign-up', amount: '1,505' }],
        cookieDays: '400',
        validationDays: '',
        atDeadline: 'approve',
        methods: { content_sites: 'sometimes' },
        contactEmail: 'not an address',
      },
      '2026-12-01',
    );
    expect(written.terms).toBeUndefined();
    expect(written.issues.map((i) => [i.field, i.index, i.problem, i.values?.value])).toEqual([
      ['id', undefined, 'id', undefined],
      ['landingUrl', undefined, 'url', undefined],
      ['deeplinkDomains', undefined, 'domain', 'https://lampenhuis.example/shop'],
      ['currencies', undefined, 'currency', 'EURO'],
      ['markets', undefined, 'country', 'NEDERLAND'],
      ['cookieDays', undefined, 'days', undefined],
      ['validationDays', undefined, 'deadlineNeedsDays', undefined],
      ['contactEmail', undefined, 'email', undefined],
      ['groupNameEn', 0, 'required', undefined],
      ['groupRate', 0, 'rate', undefined],
      ['groupCategories', 0, 'groupNeedsCategories', undefined],
      ['groupCategories', 1, 'lastGroupMatchesAll', undefined],
      ['leadAmount', 0, 'amount', undefined],
      ['methods', undefined, 'choice', 'content_sites'],
    ]);
  });

  it('refuses deep-link domains that leave out the landing page', () => {
    const outside = termsFromSetup({ ...LAMPENHUIS, deeplinkDomains: 'lampen.example' }, today);
    expect(outside.issues).toEqual([
      {
        field: 'deeplinkDomains',
        problem: 'landingOutsideDomains',
        values: { value: 'www.lampenhuis.example' },
      },
    ]);
    for (const domains of ['', 'www.lampenhuis.example', 'shop.example, lampenhuis.example'])
      expect(termsFromSetup({ ...LAMPENHUIS, deeplinkDomains: domains }, today).issues).toEqual([]);
  });

  it('asks for the required fields of an empty form, and at least one commission group', () => {
    const written = termsFromSetup(emptySetup(), '2026-12-01');
    expect(written.issues.map((i) => `${i.field}:${i.problem}`)).toEqual([
      'id:required',
      'name:required',
      'company:required',
      'descriptionNl:required',
      'descriptionEn:required',
      'landingUrl:required',
      'groups:required',
    ]);
  });

  it('adds the exchange-rate rule when orders may be paid in another currency', () => {
    const written = termsFromSetup({ ...LAMPENHUIS, currencies: 'eur, usd' }, '2026-12-01');
    const terms = parseNewProgramTermsOrThrow(setupSource(written.terms!), 'guided form');
    expect([...terms.versions[0]!.orderCurrencies]).toEqual(['EUR', 'USD']);
    expect(terms.reasonRules.missing_fx_rate).toBe('LAM-C4');
  });
});

describe('editing a live program in the guided form', () => {
  const formTerms = () =>
    parseNewProgramTermsOrThrow(setupSource(termsFromSetup(LAMPENHUIS, today).terms!), 'form');

  it('shows rates as the percentages typed, exactly', () => {
    for (const percent of ['4', '7.5', '10', '100', '0.0001', '33.3333'])
      expect(rateToPercent(percentToRate(percent)!)).toBe(percent);
  });

  it('fills the form from terms it wrote, and from no others', async () => {
    const input = guidedSetupOf(formTerms().file);
    expect(input).toMatchObject({
      id: 'lampenhuis',
      groups: [
        { nameNl: 'Slimme lampen', rate: '4', categories: 'smart-lighting' },
        { nameEn: 'Other lighting', rate: '7.5', categories: '' },
      ],
      leads: [{ name: 'Newsletter sign-up', amount: '1.50' }],
      methods: expect.objectContaining({ voucher_codes: 'after_approval', pop_ups: '' }),
      contactName: '',
    });
    for (const bundled of ['kabelkoning', 'aliexpress']) {
      const source = await readFile(join(packageRoot(), 'programs', `${bundled}.yaml`), 'utf8');
      expect(guidedSetupOf(parseProgramTermsOrThrow(source, `${bundled}.yaml`).file)).toBe(
        undefined,
      );
    }
  });

  it('keeps the versions in force and adds one from the date given when the rates change', () => {
    const current = formTerms().file;
    const input = guidedSetupOf(current)!;
    const words = editedTerms(current, { ...input, descriptionEn: 'Lamps.' }, '2026-12-10');
    expect(words.terms!.versions).toEqual(current.versions);
    const rates = editedTerms(
      current,
      { ...input, groups: [{ ...input.groups[0]!, rate: '5' }, input.groups[1]!] },
      '2026-12-10',
    );
    const versions = parseNewProgramTermsOrThrow(setupSource(rates.terms!), 'edit').file.versions;
    expect(versions.map((v) => [v.id, v.effectiveFrom])).toEqual([
      ['v1', today],
      ['v2', '2026-12-10'],
    ]);
    expect(versions[0]).toEqual(current.versions[0]);
    expect(versions[1]!.commission.groups[0]!.rate).toBe('0.05');
  });
});
