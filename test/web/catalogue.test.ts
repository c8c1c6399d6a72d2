import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isErrorCode } from '../../src/domain/error-codes.js';
import { CATALOGUE, translate, type Messages } from '../../src/i18n/catalogue.js';

const ROOT = join(import.meta.dirname, '..', '..', 'src');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourcesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Names that are the same in Dutch. */
const PROPER_NAMES = ['method.google_shopping', 'method.cookie_stuffing'];

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it('has each key in one area only', async () => {
    const dir = join(ROOT, 'i18n', 'messages');
    let total = 0;
    for (const file of readdirSync(dir)) {
      const module = (await import(join(dir, file))) as Record<string, Messages>;
      for (const messages of Object.values(module)) total += Object.keys(messages).length;
    }
    expect(total).toBe(Object.keys(CATALOGUE).length);
  });

  it('says everything in Dutch, with the same placeholders as the English', () => {
    const copies: string[] = [];
    const mismatched: string[] = [];
    for (const [key, [en, nl]] of Object.entries(CATALOGUE) as [
      string,
      readonly [string, string],
    ][]) {
      if (en.length > 14 && en === nl && !PROPER_NAMES.includes(key)) copies.push(key);
      // A refusal's English is a summary (readers of English get the service's own message).
      if (!key.startsWith('refusal.') && placeholders(en).join() !== placeholders(nl).join())
        mismatched.push(key);
    }
    expect(copies).toEqual([]);
    expect(mismatched).toEqual([]);
  });

  it('words every refusal a person can meet in the portal', () => {
    const codes = new Set<string>();
    for (const file of [
      ...sourcesUnder(join(ROOT, 'services')),
      ...sourcesUnder(join(ROOT, 'auth')),
    ]) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/new (\w+Error)\(\s*'([a-z_]+)'/g))
        if (
          !['HttpError', 'RangeError', 'ConversionError', 'ReportRefusedError'].includes(match[1]!)
        )
          codes.add(match[2]!);
    }
    expect(codes.size).toBeGreaterThan(50);
    // Each is in the table of codes, with Dutch words of its own.
    expect([...codes].filter((code) => !isErrorCode(code))).toEqual([]);
    const unworded = [...codes].filter(isErrorCode).filter((code) => {
      const nl = translate('nl', `refusal.${code}`);
      return nl.trim() === '' || nl === translate('en', `refusal.${code}`);
    });
    expect(unworded).toEqual([]);
  });
});
