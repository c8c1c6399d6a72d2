import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { fullChecksumMatches, readPixelReport } from '../../src/tracking/pixel-report.js';
import { readTradedoublerQuery } from '../../src/tracking/tradedoubler-query.js';
import { v05Checksum } from '../support/checksum.js';

/** The v05 full checksum (NET-R6) as docs/tracking.md documents it, in every URL form. */
const reportOf = (rawQuery: string) => readPixelReport(readTradedoublerQuery(rawQuery), 'EUR');
const reportInfo = 'f1=12345&f2=Product Y&f3=10.99&f4=3|f1=67890&f2=Product Z&f3=1000.00&f4=1';

it("matches the worked example of docs/tracking.md, and the test helper's computation", () => {
  const docs = readFileSync(new URL('../../docs/tracking.md', import.meta.url), 'utf8');
  const example = /checksum=(v05[0-9a-f]{64})/.exec(docs)![1]!;
  const query = `organization=prg_1&orderNumber=KK-1001&orderValue=1032.97&currency=EUR&event=1&reportInfo=${encodeURIComponent(reportInfo)}`;
  expect(v05Checksum('s3cr3t-kk', query)).toBe(example);
  const report = reportOf(`${query}&checksum=${example.toUpperCase()}`);
  expect(fullChecksumMatches('s3cr3t-kk', report.checksum)).toBe(true);
  expect(fullChecksumMatches('another-secret', report.checksum)).toBe(false);
  // The parenthesised form and short names read the same fields.
  const parenthesised = reportOf(
    `o(prg_1)ordnum(KK-1001)ordval(1032.97)curr(EUR)event(1)reportInfo(${encodeURIComponent(reportInfo)})chksum(${example})`,
  );
  expect(fullChecksumMatches('s3cr3t-kk', parenthesised.checksum)).toBe(true);
});

it('binds every priced field: another value, currency, event, voucher or lines does not match', () => {
  const honest = `orderNumber=A-1&orderValue=10.00&currency=EUR&event=1&reportInfo=${encodeURIComponent('f1=a&f3=10.00&f5=laptops')}`;
  const checksum = v05Checksum('secret-1', honest);
  const matches = (query: string) =>
    fullChecksumMatches(
      'secret-1',
      reportOf(`organization=p&${query}&checksum=${checksum}`).checksum,
    );
  expect(matches(honest)).toBe(true);
  for (const tampered of [
    honest.replace('orderValue=10.00', 'orderValue=10.01'),
    honest.replace('currency=EUR', 'currency=GBP'),
    honest.replace('event=1', 'event=3'),
    `${honest}&voucher=SALE`,
    honest.replace('laptops', 'audio'),
    honest.replace(/&reportInfo=.*/, ''),
    honest.replace('orderNumber', 'leadNumber'),
  ])
    expect(matches(tampered), tampered).toBe(false);
  // A value holding a line feed could shift one field into the next: it never matches.
  const shifted = `orderNumber=${encodeURIComponent('A-1\norderValue=10.00')}&orderValue=10.00&currency=EUR`;
  const report = reportOf(`organization=p&${shifted}&checksum=${v05Checksum('secret-1', shifted)}`);
  expect(report.checksum.fullText).toBeUndefined();
  expect(fullChecksumMatches('secret-1', report.checksum)).toBe(false);
});
