import { DomainError } from '../domain/errors.js';
import { EcbCsvError, EcbCsvParser } from '../domain/fx/parse-ecb-csv.js';
import { parseEcbXml } from '../domain/fx/parse-ecb-xml.js';
import { RateTable } from '../domain/fx/rate-table.js';
import { readZip } from './read-zip.js';

/** A download of the ECB's rates that failed: the URL and why. */
export class EcbFetchError extends DomainError {
  constructor(message: string) {
    super('ecb_fetch_failed', message);
  }
}

/** The ECB's reference-rate files, as published under ECB_BASE_URL. */
export const ECB_FILES = {
  /** Today's rates: `eurofxref.zip` holding `eurofxref.csv` (the daily layout). */
  daily: 'eurofxref.zip',
  /** Today's rates as XML. */
  'daily-xml': 'eurofxref-daily.xml',
  /** The last 90 days as XML. */
  '90d': 'eurofxref-hist-90d.xml',
  /** Every day since 1999: `eurofxref-hist.zip` holding `eurofxref-hist.csv`. */
  history: 'eurofxref-hist.zip',
} as const;
export type EcbFile = keyof typeof ECB_FILES;

export const DEFAULT_ECB_BASE_URL = 'https://www.ecb.europa.eu/stats/eurofxref/';

const isZip = (content: Buffer) => content.length > 4 && content.readUInt32LE(0) === 0x04034b50;
const isXml = (text: string) => /^\s*(<\?xml|<gesmes:Envelope|<Envelope)/.test(text);

/**
 * The rates of an ECB file in any of its published forms: the daily or historical CSV, the
 * daily or historical XML, or a zip holding any of them. Throws EcbCsvError naming the problem.
 */
export function ratesOfEcbFile(content: Buffer, table: RateTable = new RateTable()): RateTable {
  if (isZip(content)) {
    let entries;
    try {
      entries = readZip(content);
    } catch (error) {
      throw new EcbCsvError(undefined, (error as Error).message);
    }
    const files = entries.filter((entry) => /\.(csv|xml)$/i.test(entry.name));
    if (files.length === 0)
      throw new EcbCsvError(undefined, 'the zip holds no .csv or .xml file of rates');
    for (const file of files) ratesOfEcbFile(file.content, table);
    return table;
  }
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  if (isXml(text)) return parseEcbXml(text, table);
  const parser = new EcbCsvParser(table);
  for (const line of text.split(/\r?\n/)) parser.line(line);
  return parser.finish();
}

/**
 * Downloads one ECB file from `baseUrl` and reads its rates. Throws with the URL and the HTTP
 * status when the download fails.
 */
export async function fetchEcbFile(
  baseUrl: string,
  file: EcbFile,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 30_000,
): Promise<{ url: string; table: RateTable }> {
  const url = new URL(ECB_FILES[file], baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new EcbFetchError(`GET ${url}: ${cause}; check ECB_BASE_URL and the network`);
  }
  if (!response.ok)
    throw new EcbFetchError(
      `GET ${url}: HTTP ${response.status}; the ECB may be publishing, retry later`,
    );
  try {
    return { url, table: ratesOfEcbFile(Buffer.from(await response.arrayBuffer())) };
  } catch (error) {
    if (error instanceof EcbCsvError)
      throw new EcbFetchError(`GET ${url}: not an ECB rates file (${error.message})`);
    throw error;
  }
}
