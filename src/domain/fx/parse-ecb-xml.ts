import { parseDecimal } from '../money/decimal.js';
import { dayNumberOfIsoDate } from '../dates.js';
import { EcbCsvError } from './parse-ecb-csv.js';
import { RateTable } from './rate-table.js';

/**
 * Reads the ECB's reference-rate XML (`eurofxref-daily.xml`, `eurofxref-hist.xml`,
 * `eurofxref-hist-90d.xml`): a `<Cube time='YYYY-MM-DD'>` per day holding
 * `<Cube currency='USD' rate='1.0705'/>` per currency, units per 1 EUR. Either quote style.
 */
export function parseEcbXml(text: string, table: RateTable = new RateTable()): RateTable {
  if (!/<gesmes:Envelope|<Envelope/.test(text))
    throw new EcbCsvError(undefined, 'not an ECB reference-rate XML file (no gesmes:Envelope)');
  let day: number | undefined;
  let days = 0;
  for (const match of text.matchAll(/<Cube\s+([^>]*?)\/?>/g)) {
    const attributes = new Map(
      [...match[1]!.matchAll(/(\w+)\s*=\s*(['"])(.*?)\2/g)].map((a) => [a[1]!, a[3]!]),
    );
    const time = attributes.get('time');
    if (time !== undefined) {
      day = dayNumberOfIsoDate(time);
      if (day === undefined)
        throw new EcbCsvError(undefined, `Cube time="${time}": expected a date as YYYY-MM-DD`);
      days += 1;
      continue;
    }
    const currency = attributes.get('currency');
    const rateText = attributes.get('rate');
    if (currency === undefined || rateText === undefined) continue;
    if (day === undefined)
      throw new EcbCsvError(undefined, `Cube currency="${currency}" outside a dated Cube`);
    if (!/^[A-Z]{3}$/.test(currency))
      throw new EcbCsvError(undefined, `Cube currency="${currency}" is not a currency code`);
    const rate = parseDecimal(rateText);
    if (rate === undefined || rate.coefficient === 0)
      throw new EcbCsvError(
        undefined,
        `Cube currency="${currency}": expected a positive decimal rate, got "${rateText}"`,
      );
    table.set(currency, day, rate);
  }
  if (days === 0) throw new EcbCsvError(undefined, 'the XML file holds no dated Cube');
  return table;
}
