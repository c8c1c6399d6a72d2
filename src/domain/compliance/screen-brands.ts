/**
 * AE-P5: a publisher's name, domain and site URLs must not contain Alibaba Group brands nor
 * imitate them. Screening reads words (a URL's host without its top-level domain), never
 * letters across a word's edge: plain use, homoglyphs (`a1iexpress`, `tma1l`, Cyrillic `а`),
 * separators between whole words (`ali-express`, `t-mall`), and near misses by edit distance
 * (`aliexpres`, `alibabba`). Short brands (`ali`, `tao`) match only as a whole word or at the
 * start of one, so `natalie` or `italian` are not flagged while `alideals` is; ordinary words a
 * letter away from a brand (`mall`, `tall`, `small` beside `tmall`) are not look-alikes.
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

/** A word of the input as written, and where it stands in what was screened. */
interface Word {
  raw: string;
  /** Its letters once look-alike characters are read as the letters they imitate. */
  clean: string;
  start: number;
  end: number;
}

/** The words of a name or the host of a URL without its top-level domain. */
function wordsOf(text: string): { source: string; words: Word[] } {
  let source = plain(text).trim();
  // The host as written: URL() would turn a Cyrillic host into punycode and hide the trick.
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]+)/u.exec(source)?.[1];
  if (host !== undefined) source = host.replace(/^www\./, '').replace(/\.[a-z]{2,}$/, '');
  else if (/^[a-z0-9.-]+\.[a-z]{2,}$/.test(source))
    source = source.replace(/^www\./, '').replace(/\.[a-z]{2,}$/, '');
  const words = [...source.matchAll(/[\p{L}\p{N}@$|]+/gu)].map((match) => ({
    raw: match[0],
    clean: deglyph(match[0]).replace(/[^a-z]/g, ''),
    start: match.index,
    end: match.index + match[0].length,
  }));
  return { source, words };
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

/**
 * Brands at least this long are distinctive: found anywhere inside a longer word
 * (`myaliexpressdeals`). A shorter one (`tmall`, `taobao`) counts inside a word only at its start
 * and followed by digits or a shop word (`tmallshop`), so `smartmall` is not flagged.
 */
const DISTINCTIVE_BRAND = 7;

/** Whether `word` starts with `brand` as an impersonation would (the brand, then digits or a shop word). */
function startsAsBrand(word: string, brand: string): boolean {
  return (
    word === brand ||
    (word.startsWith(brand) && (brand.length >= DISTINCTIVE_BRAND || startsWithBrand(word, brand)))
  );
}

/** Whether one word holds the brand: see DISTINCTIVE_BRAND. */
function holdsBrand(word: string, brand: string): boolean {
  return startsAsBrand(word, brand) || (brand.length >= DISTINCTIVE_BRAND && word.includes(brand));
}

/**
 * Whether a word (or words run together) is spelled like the brand. A look-alike keeps a short
 * brand's first letter and is not shorter than it: `tnall`, `tmmall` imitate `tmall`, while
 * ordinary words a letter away (`mall`, `tall`, `small`) do not. A long brand (8 letters and
 * more) allows two edits of any kind (`aliexpres`), also at the start of a longer word.
 */
function looksLikeBrand(candidate: string, brand: string): boolean {
  if (brand.length >= 8) {
    for (let size = brand.length - 2; size <= Math.min(candidate.length, brand.length + 2); size++)
      if (editDistance(candidate.slice(0, size), brand, 2) <= 2) return true;
    return false;
  }
  if (candidate[0] !== brand[0] || candidate.length < brand.length) return false;
  if (editDistance(candidate, brand, 1) <= 1) return true;
  // A distinctive brand's look-alike at the start of a longer word (`alibabbashop`).
  return (
    brand.length >= DISTINCTIVE_BRAND &&
    [brand.length, brand.length + 1].some(
      (size) => size < candidate.length && editDistance(candidate.slice(0, size), brand, 1) <= 1,
    )
  );
}

/**
 * Runs of two or more consecutive words, each as written and with its letters joined: how a
 * brand split by separators (`t-mall`, `ali express`) is found. Only whole words run together,
 * so a brand never starts inside a word (`art mall` is not `tmall`).
 */
function runsOf(
  source: string,
  words: Word[],
  longest: number,
): { found: string; clean: string }[] {
  const runs: { found: string; clean: string }[] = [];
  for (let first = 0; first < words.length; first++) {
    let clean = words[first]!.clean;
    for (let last = first + 1; last < words.length && clean.length <= longest; last++) {
      clean += words[last]!.clean;
      runs.push({ found: source.slice(words[first]!.start, words[last]!.end), clean });
    }
  }
  return runs;
}

function screenOne(text: string, field: string, brands: readonly string[]): BrandMatch[] {
  const { source, words } = wordsOf(text);
  const raw = words.map((word) => word.raw);
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
    const runs = runsOf(source, words, brand.length + 2).filter(
      (run) => run.clean.length >= brand.length - 2,
    );
    const holding = words.find((word) => holdsBrand(word.raw, brand));
    const disguised = words.find((word) => holdsBrand(word.clean, brand));
    const separated = runs.find((run) => startsAsBrand(run.clean, brand));
    const alike =
      words.find((word) => looksLikeBrand(word.clean, brand))?.raw ??
      runs.find((run) => looksLikeBrand(run.clean, brand))?.found;
    if (raw.includes(brand)) add('exact', brand);
    else if (holding !== undefined) add('contains', holding.raw);
    else if (disguised !== undefined) add('homoglyph', disguised.raw);
    else if (separated !== undefined) add('separator', separated.found);
    else if (alike !== undefined) add('look_alike', alike);
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
