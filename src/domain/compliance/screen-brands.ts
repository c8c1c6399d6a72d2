/**
 * AE-P5: a publisher's name, domain and site URLs must not contain Alibaba Group brands nor
 * imitate them. Screening finds plain use, homoglyphs (`a1iexpress`, Cyrillic `а`), separator
 * and digit tricks (`ali-express`, `ali3xpress`), and near misses by edit distance
 * (`aliexpres`, `alibabba`). Short brands (`ali`, `tao`) match only as a whole word or at the
 * start of one, so `natalie` or `italian` are not flagged while `alideals` is.
 */
export type BrandMatchKind = 'exact' | 'contains' | 'homoglyph' | 'separator' | 'look_alike';

export interface BrandMatch {
  brand: string;
  kind: BrandMatchKind;
  /** The part of the input that matched, as written. */
  found: string;
  /** Which input: e.g. "name", "site URL". */
  field: string;
}

const HOMOGLYPHS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '|': 'l',
  а: 'a', // Cyrillic
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  і: 'i',
  ӏ: 'l',
  ı: 'i',
  ɑ: 'a',
  ο: 'o', // Greek
  α: 'a',
  ι: 'i',
};

const SHORT_BRAND = 4;

/**
 * What may follow a short brand at the start of a word for it to count (`alideals`,
 * `taoshop`): other words that merely start with the same letters (`taormina`) pass.
 */
const SHORT_BRAND_SUFFIXES = new Set([
  'deal',
  'deals',
  'shop',
  'shops',
  'store',
  'express',
  'sale',
  'sales',
  'mall',
  'buy',
  'market',
  'korting',
  'kortingen',
  'koopjes',
  'aanbieding',
  'aanbiedingen',
  'outlet',
  'cheap',
  'goedkoop',
  'baba',
  'bao',
  'pay',
  'cloud',
  'mama',
  'yun',
  'china',
  'online',
  'nl',
  'be',
  'eu',
  'world',
]);

function startsWithBrand(word: string, brand: string): boolean {
  if (!word.startsWith(brand)) return false;
  const rest = word.slice(brand.length);
  return /^[0-9]+$/.test(rest) || SHORT_BRAND_SUFFIXES.has(rest);
}

function plain(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function deglyph(text: string): string {
  return [...text].map((ch) => HOMOGLYPHS[ch] ?? ch).join('');
}

/** The words of a name or the host of a URL without its top-level domain. */
function wordsOf(text: string): { raw: string[]; joined: string } {
  let source = plain(text).trim();
  // The host as written: URL() would turn a Cyrillic host into punycode and hide the trick.
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]+)/u.exec(source)?.[1];
  if (host !== undefined) source = host.replace(/^www\./, '').replace(/\.[a-z]{2,}$/, '');
  else if (/^[a-z0-9.-]+\.[a-z]{2,}$/.test(source))
    source = source.replace(/^www\./, '').replace(/\.[a-z]{2,}$/, '');
  const raw = source.split(/[^\p{L}\p{N}@$|]+/u).filter((word) => word !== '');
  return { raw, joined: raw.join('') };
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

function allowedDistance(brand: string): number {
  return brand.length >= 8 ? 2 : brand.length >= 5 ? 1 : 0;
}

function screenOne(text: string, field: string, brands: readonly string[]): BrandMatch[] {
  const { raw, joined } = wordsOf(text);
  const lettersOnly = deglyph(joined).replace(/[^a-z]/g, '');
  const found: BrandMatch[] = [];
  for (const brandText of brands) {
    const brand = plain(brandText);
    const add = (kind: BrandMatchKind, what: string) => {
      if (!found.some((match) => match.brand === brand))
        found.push({ brand, kind, found: what, field });
    };
    if (brand.length <= SHORT_BRAND) {
      for (const word of raw) {
        const clean = deglyph(word).replace(/[^a-z]/g, '');
        if (word === brand) add('exact', word);
        else if (startsWithBrand(word, brand)) add('contains', word);
        else if (clean === brand || startsWithBrand(clean, brand))
          add(
            /[0-9]/.test(word) && !/[a-z]/.test(word.replace(/[0-9]/g, ''))
              ? 'separator'
              : 'homoglyph',
            word,
          );
      }
      continue;
    }
    if (raw.includes(brand)) add('exact', brand);
    else if (joined.includes(brand))
      add(raw.some((w) => w.includes(brand)) ? 'contains' : 'separator', text);
    else if (deglyph(joined).includes(brand)) add('homoglyph', text);
    else if (lettersOnly.includes(brand)) add('separator', text);
    else {
      const limit = allowedDistance(brand);
      outer: for (let size = brand.length - limit; size <= brand.length + limit; size++) {
        for (let start = 0; start + size <= lettersOnly.length; start++) {
          const window = lettersOnly.slice(start, start + size);
          if (editDistance(window, brand, limit) <= limit) {
            add('look_alike', window);
            break outer;
          }
        }
      }
    }
  }
  return found;
}

/** Screens each field (name, company, domain, site URLs) for the program's brands. */
export function screenBrands(
  fields: readonly { field: string; text: string | null | undefined }[],
  brands: readonly string[],
): BrandMatch[] {
  return fields.flatMap(({ field, text }) =>
    text === null || text === undefined || text.trim() === '' ? [] : screenOne(text, field, brands),
  );
}
