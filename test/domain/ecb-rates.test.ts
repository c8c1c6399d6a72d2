import { describe, expect, it } from 'vitest';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import { dayNumberOfIsoDate } from '../../src/domain/dates.js';

const day = (text: string) => dayNumberOfIsoDate(text)!;

// The ECB's own layout: newest first, a trailing comma, N/A for currencies not quoted.
const ECB_SAMPLE = `Date,USD,JPY,BGN,CYP,
2026-10-05,1.0950,163.21,1.9558,N/A,
2026-10-02,1.1000,164.00,1.9558,N/A,
2026-10-01,1.0990,163.80,1.9558,N/A,
`;

describe('ECB reference rates (AE-C6)', () => {
  const table = parseEcbCsv(ECB_SAMPLE);

  it('reads the ECB layout, skipping N/A cells', () => {
    expect(table.size).toBe(9);
    expect(table.currencies.sort()).toEqual(['BGN', 'JPY', 'USD']);
  });

  it('ignores cells beyond the header rather than misattributing them', () => {
    expect(parseEcbCsv('Date,USD\n2026-10-01,1.1,2.2\n').size).toBe(1);
  });

  it('takes the rate of the day', () => {
    expect(table.find('USD', day('2026-10-05'), 7)).toEqual({
      currency: 'USD',
      date: '2026-10-05',
      perEur: { coefficient: 10950, scale: 4 },
    });
  });

  it('takes the latest earlier rate over a weekend', () => {
    expect(table.find('USD', day('2026-10-04'), 7)?.date).toBe('2026-10-02');
  });

  it('looks back at most maxDaysBack days', () => {
    expect(table.find('USD', day('2026-10-12'), 7)?.date).toBe('2026-10-05');
    expect(table.find('USD', day('2026-10-13'), 7)).toBeUndefined();
  });

  it('has nothing before the first rate or for unknown currencies', () => {
    expect(table.find('USD', day('2026-09-30'), 7)).toBeUndefined();
    expect(table.find('GBP', day('2026-10-05'), 7)).toBeUndefined();
  });

  it('accepts files oldest first and replaces a repeated day', () => {
    const ascending = parseEcbCsv(
      'Date,USD\n2026-10-01,1.0990\n2026-10-05,1.0950\n2026-10-02,1.1000\n2026-10-02,1.1010\n',
    );
    expect(ascending.find('USD', day('2026-10-03'), 7)?.perEur).toEqual({
      coefficient: 11010,
      scale: 4,
    });
    expect([...ascending.entries()].map((rate) => rate.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
    ]);
  });

  it.each([
    ['', 'the file is empty: expected a header "Date,USD,…"'],
    [
      'Day,USD\n',
      'line 1: expected the header to start with "Date" (ECB layout Date,USD,JPY,…), got "Day"',
    ],
    ['Date,USD,usd\n', 'line 1: header: "usd" is not a currency code'],
    [
      'Date,USD\n2026-13-01,1.1\n',
      'line 2: expected a date as YYYY-MM-DD or "27 November 2026", got "2026-13-01"',
    ],
    [
      'Date,USD\n2026-10-01,abc\n',
      'line 2: column USD: expected a positive decimal rate, got "abc"',
    ],
    ['Date,USD\n2026-10-01,0\n', 'line 2: column USD: expected a positive decimal rate, got "0"'],
  ])('explains a bad file: %j', (text, message) => {
    expect(() => parseEcbCsv(text)).toThrow(message);
  });
});
