import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { priceOrder } from '../../src/domain/engine/price-order.js';
import { compileTermsOrThrow } from '../../src/domain/terms/compile-terms.js';
import { attributionWindowMs, judgeClick } from '../../src/domain/attribution/judge-click.js';
import { InvalidTermsError, type Issue } from '../../src/domain/errors.js';
import { BUNDLED_PROGRAMS_DIR } from '../../src/programs/load-program-terms.js';
import { workingDayDeadline } from '../../src/domain/calendar/working-days.js';
import { holidayCalendar } from '../../src/compliance/holiday-calendars.js';
import { order } from '../support/orders.js';
import { aliexpressDocument, rates } from '../support/terms.js';

const KABELKONING_PATH = join(BUNDLED_PROGRAMS_DIR, 'kabelkoning.yaml');
const kabelkoningDocument = () =>
  parse(readFileSync(KABELKONING_PATH, 'utf8')) as Record<string, unknown>;
const kabelkoning = compileTermsOrThrow(kabelkoningDocument(), KABELKONING_PATH);

function issuesOf(raw: unknown): Issue[] {
  try {
    compileTermsOrThrow(raw, 'draft.yaml');
  } catch (error) {
    if (error instanceof InvalidTermsError) return [...error.issues];
    throw error;
  }
  return [];
}

/** A shop's item: no seller country, no store (a webshop sells its own stock). */
const shopItem = (category: string, unitPrice: string) => ({
  sku: `SKU-${category}`,
  category,
  unitPrice,
  quantity: 1,
});

describe('general terms: a Dutch webshop (programs/kabelkoning.yaml)', () => {
  it('prices euro orders without an exchange rate, by its own groups and rule ids', () => {
    const quote = priceOrder(
      kabelkoning,
      order({
        currency: 'EUR',
        items: [
          shopItem('laptops', '899.00'),
          shopItem('headphones', '59.95'),
          shopItem('gift-cards', '25.00'),
        ],
      }),
      rates,
    );
    expect(quote).toMatchObject({
      status: 'qualified',
      fxRate: '1',
      productCommission: '30.57', // 899.00 × 3% = 26.97, 59.95 × 6% = 3.597 → 3.60
      newBuyerBonus: '0.00',
      total: '30.57',
      termsVersion: '2026-01',
    });
    expect(quote.lines.map((line) => [line.group, line.commission, line.rule])).toEqual([
      ['computers', '26.97', 'KK-C1'],
      ['electronics', '3.60', 'KK-C1'],
      ['electronics', '0.00', 'KK-C2'],
    ]);
  });

  it('pays nothing on an order in another currency, citing its own rule', () => {
    const quote = priceOrder(
      kabelkoning,
      order({ currency: 'USD', items: [shopItem('laptops', '100.00')] }),
      rates,
    );
    expect(quote.status).toBe('disqualified');
    expect(quote.lines[0]?.rule).toBe('KK-C4');
  });

  it('pays a newsletter sign-up its fixed fee (event 2)', () => {
    const quote = priceOrder(
      kabelkoning,
      order({ event: '2', currency: 'EUR', items: [shopItem('lead', '0.00')] }),
      rates,
    );
    expect(quote).toMatchObject({ total: '1.50', status: 'qualified' });
    expect(quote.lines[0]).toMatchObject({ commission: '1.50', rule: 'KK-C3' });
  });

  it('remembers a click for 30 days (a cookie, not a session)', () => {
    expect(kabelkoning.file.tracking).toMatchObject({ type: 'cookie', cookieDays: 30 });
    const tracking = kabelkoning.file.tracking;
    const click = { programId: 'kabelkoning', createdAtMs: 0, notAttributableReason: null };
    expect(attributionWindowMs(tracking)).toBe(30 * 86_400_000);
    expect(
      judgeClick(click, { programId: 'kabelkoning', placedAtMs: 29 * 86_400_000 }, tracking),
    ).toBe('attributed');
    expect(
      judgeClick(click, { programId: 'kabelkoning', placedAtMs: 31 * 86_400_000 }, tracking),
    ).toBe('cookie_expired');
  });

  it('counts claim deadlines in Dutch working days on Amsterdam time (summer and winter)', () => {
    const nl = holidayCalendar('NL');
    // Friday 2026-07-03 10:00 UTC + 10 working days: the end of Friday 17 July, CEST (+2).
    expect(new Date(workingDayDeadline(Date.UTC(2026, 6, 3, 10), 10, nl)).toISOString()).toBe(
      '2026-07-17T22:00:00.000Z',
    );
    // Over Christmas (25 and 26 December are public holidays), CET (+1).
    expect(new Date(workingDayDeadline(Date.UTC(2026, 11, 23, 10), 2, nl)).toISOString()).toBe(
      '2026-12-28T23:00:00.000Z',
    );
  });

  it('needs none of AliExpress’s clauses: no bonus, seller countries, stores or cap', () => {
    const file = kabelkoningDocument();
    expect(file.versions).toEqual([
      expect.not.objectContaining({ newBuyerBonus: expect.anything() }),
    ]);
    const version = kabelkoning.versions[0]!;
    expect(version.sellerCountries).toBeUndefined();
    expect(version.capMinor).toBeUndefined();
    expect(version.bonusByCountry.size).toBe(0);
  });
});

describe('general terms: what the schema refuses', () => {
  it('a rule id without the program prefix, at its path', () => {
    const file = kabelkoningDocument();
    (file.tracking as Record<string, unknown>).rule = 'AE-T1';
    expect(issuesOf(file)).toContainEqual({
      path: 'tracking.rule',
      message: 'expected a rule id of this program: "KK-…"',
    });
  });

  it('a reason the terms can give without the rule that gives it', () => {
    const file = kabelkoningDocument();
    delete (file.reasonRules as Record<string, unknown>).virtual_product;
    expect(issuesOf(file)).toContainEqual({
      path: 'reasonRules.virtual_product',
      message: 'missing: name the rule that takes commission away for "virtual_product"',
    });
    // Seller countries are not among its clauses, so their reason needs no rule.
    expect(issuesOf(kabelkoningDocument())).toEqual([]);
  });

  it('deeplinks allowed to nowhere, and an unknown calendar', () => {
    const file = kabelkoningDocument();
    (file.tracking as { deeplinking: Record<string, unknown> }).deeplinking.domains = [];
    (file.enforcement as Record<string, unknown>).calendar = 'XX';
    const issues = issuesOf(file);
    expect(issues).toContainEqual({
      path: 'tracking.deeplinking.domains',
      message: 'deeplinks allowed: list the domains they may go to',
    });
    expect(issues.map((issue) => issue.path)).toContain('enforcement.calendar');
  });

  it('a cookie program without its window', () => {
    const file = kabelkoningDocument();
    delete (file.tracking as Record<string, unknown>).cookieDays;
    expect(issuesOf(file).map((issue) => issue.path)).toContain('tracking.cookieDays');
  });

  it('keeps AliExpress exactly as it was: every clause still required where it applies', () => {
    expect(issuesOf(aliexpressDocument())).toEqual([]);
    const file = aliexpressDocument();
    delete (file.reasonRules as Record<string, unknown>).seller_not_prc;
    expect(issuesOf(file).map((issue) => issue.path)).toEqual(['reasonRules.seller_not_prc']);
  });
});
