import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileTermsOrThrow, type ProgramTerms } from '../../src/domain/terms/compile-terms.js';
import { parseEcbCsv } from '../../src/domain/fx/parse-ecb-csv.js';
import { BUNDLED_PROGRAMS_DIR } from '../../src/programs/load-program-terms.js';

export const ALIEXPRESS_PATH = join(BUNDLED_PROGRAMS_DIR, 'aliexpress.yaml');

/** The AliExpress terms file as a plain object, for cases that change one setting. */
export function aliexpressDocument(): Record<string, unknown> {
  return parse(readFileSync(ALIEXPRESS_PATH, 'utf8'), { merge: true }) as Record<string, unknown>;
}

export const aliexpress: ProgramTerms = compileTermsOrThrow(aliexpressDocument(), ALIEXPRESS_PATH);

/** Terms with the first version's settings changed by `change`. */
export function aliexpressWith(
  change: (version: Record<string, unknown>, file: Record<string, unknown>) => void,
): ProgramTerms {
  const file = aliexpressDocument();
  const versions = file.versions as Record<string, unknown>[];
  change(versions[0] as Record<string, unknown>, file);
  return compileTermsOrThrow(file, 'test terms');
}

/** USD per EUR: 1.1000 on Friday 2026-10-02, 1.0950 on Monday 2026-10-05. */
export const rates = parseEcbCsv(
  ['Date,USD,JPY,GBP,', '2026-10-05,1.0950,163.21,0.8712,', '2026-10-02,1.1000,164.00,N/A,'].join(
    '\n',
  ),
);
