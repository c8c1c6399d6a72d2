import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ratesOfEcbFile } from './ecb-files.js';
import { createInterface } from 'node:readline';
import { EcbCsvError, EcbCsvParser } from '../domain/fx/parse-ecb-csv.js';
import type { RateTable } from '../domain/fx/rate-table.js';
import { DomainError } from '../domain/errors.js';

/** A rates file that cannot be read or is not in the ECB layout. */
export class InvalidRatesFileError extends DomainError {
  constructor(path: string, detail: string) {
    super('invalid_rates_file', `${path}: ${detail}`);
  }
}

/**
 * Reads an ECB reference-rate file into a rate table: the daily or historical CSV (streamed),
 * the daily or historical XML, or the zip the ECB publishes them in. `onProgress` gets the number of
 * rates read so far, every 1,000 lines.
 */
export async function readEcbRatesFile(
  path: string,
  onProgress?: (rates: number) => void,
): Promise<RateTable> {
  // A zip or an XML file is read whole (the largest, the full history, is a few MB); a CSV
  // streams line by line.
  if (/\.(zip|xml)$/i.test(path)) {
    try {
      const table = ratesOfEcbFile(await readFile(path));
      onProgress?.(table.size);
      return table;
    } catch (error) {
      if (error instanceof EcbCsvError) throw new InvalidRatesFileError(path, error.message);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new InvalidRatesFileError(path, 'no such file');
      throw error;
    }
  }
  const parser = new EcbCsvParser();
  const stream = createReadStream(path, 'utf8');
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let count = 0;
  try {
    for await (const line of lines) {
      parser.line(line);
      if (++count % 1000 === 0) onProgress?.(parser.rateCount);
    }
    onProgress?.(parser.rateCount);
    return parser.finish();
  } catch (error) {
    if (error instanceof EcbCsvError) throw new InvalidRatesFileError(path, error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InvalidRatesFileError(path, 'no such file');
    if (code === 'EISDIR')
      throw new InvalidRatesFileError(path, 'is a directory, expected a CSV file');
    throw error;
  } finally {
    lines.close();
    stream.destroy();
  }
}
