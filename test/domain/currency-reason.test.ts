import { describe, expect, it } from 'vitest';
import { compileTermsOrThrow } from '../../src/domain/terms/compile-terms.js';
import { aliexpress, aliexpressDocument } from '../support/terms.js';

type Document = Record<string, unknown> & {
  reasonRules: Record<string, string>;
  versions: Record<string, unknown>[];
};

/** AliExpress's terms, changed by `change`, compiled. */
function compiled(change: (file: Document) => void) {
  const file = aliexpressDocument() as Document;
  change(file);
  return compileTermsOrThrow(file, 'terms.yaml');
}

describe('the reason of an order in a currency the terms do not accept', () => {
  it('is currency_not_usd for AliExpress, whose rule AE-C5 says US dollars only', () => {
    expect(aliexpress.versions.map((v) => v.currencyReason)).toEqual(
      aliexpress.versions.map(() => 'currency_not_usd'),
    );
    expect(aliexpress.reasonRules.currency_not_usd).toBe('AE-C5');
  });

  it.each([
    [
      'terms that map currency_not_accepted',
      (file: Document) => {
        file.reasonRules.currency_not_accepted = file.reasonRules.currency_not_usd!;
        delete file.reasonRules.currency_not_usd;
      },
    ],
    [
      'older terms that map currency_not_usd but accept euros',
      (file: Document) => {
        for (const version of file.versions) version.orderCurrencies = ['EUR'];
      },
    ],
  ])('is the generic currency_not_accepted for %s, with the same rule', (_, change) => {
    const terms = compiled(change);
    expect(terms.versions.map((v) => v.currencyReason)).toEqual(
      terms.versions.map(() => 'currency_not_accepted'),
    );
    expect(terms.reasonRules.currency_not_accepted).toBe('AE-C5');
    // The program page names the currency rule under either code.
    expect(terms.reasonRules.currency_not_usd).toBe('AE-C5');
  });

  it('needs one of the two mapped to the program’s rule', () => {
    expect(() =>
      compiled((file) => {
        delete file.reasonRules.currency_not_usd;
      }),
    ).toThrow(/reasonRules\.currency_not_accepted: missing/);
  });
});
