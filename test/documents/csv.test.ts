import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv } from '../../src/documents/csv.js';

describe('CSV cells are never run as spreadsheet formulas', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+cmd|/C calc!A0', "'+cmd|/C calc!A0"],
    ['-2+3+cmd|/C calc!A0', "'-2+3+cmd|/C calc!A0"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['+31 6 12345678', "'+31 6 12345678"],
  ])('defuses %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each(['-12.50', '12.50', '-3', '0', 'AE-10001', 'plain text'])(
    'leaves %j as it is',
    (value) => {
      expect(csvCell(value)).toBe(value);
    },
  );

  it('round-trips quoted cells', () => {
    expect(parseCsv(`${['a,b', 'say "hi"', '-1.25'].map(csvCell).join(',')}\n`)).toEqual([
      ['a,b', 'say "hi"', '-1.25'],
    ]);
  });
});
