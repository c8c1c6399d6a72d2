import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isErrorCode } from '../../src/domain/error-codes.js';
import { EN } from '../../src/i18n/en/index.js';
import { LANGUAGES, translate, type MessageKey } from '../../src/i18n/catalogue.js';

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
  it('has each key in one area only, in every language', async () => {
    for (const [locale, words] of Object.entries(LANGUAGES)) {
      const dir = join(ROOT, 'i18n', locale);
      let total = 0;
      for (const file of readdirSync(dir).filter((name) => name !== 'index.ts')) {
        const module = (await import(join(dir, file))) as Record<string, object>;
        for (const messages of Object.values(module)) total += Object.keys(messages).length;
      }
      expect([locale, total]).toEqual([locale, Object.keys(words).length]);
    }
  });

  it('says everything in every language, with the same placeholders as the English', () => {
    const copies: string[] = [];
    const mismatched: string[] = [];
    for (const [locale, words] of Object.entries(LANGUAGES)) {
      if (locale === 'en') continue;
      for (const key of Object.keys(EN) as MessageKey[]) {
        const [en, other] = [EN[key], words[key]];
        if (en.length > 14 && en === other && !PROPER_NAMES.includes(key))
          copies.push(`${locale}: ${key}`);
        if (placeholders(en).join() !== placeholders(other).join())
          mismatched.push(`${locale}: ${key}`);
      }
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
