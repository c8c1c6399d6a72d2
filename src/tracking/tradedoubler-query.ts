/**
 * Tradedoubler's URLs as real integrations send them (docs/tracking.md lists each form and its
 * source). One tolerant reader for `/click` and `/report`:
 *
 * - the query form `name=value&…` and the parenthesised form `name(value)name(value)…`
 *   (product-level tracking, the SDKs, `click?p(1)a(2)g(3)`);
 * - names case-insensitive (`orderNumber`, `ordernumber`, `ORDERNUMBER`), short names mapped to
 *   long ones (`o` → organization, `ordnum` → ordernumber, `curr` → currency, `chksum` →
 *   checksum), and a leading `amp;` dropped (a URL copied out of HTML with `&amp;`);
 * - empty values and `null`/`undefined` (what plugins send when a cookie is missing) are absent;
 * - a name given twice with the same value is one value; with different values the last one
 *   counts and the name is listed in `conflicts` (the order is flagged).
 *
 * Values are decoded exactly once. Pure: no I/O.
 */
export interface TradedoublerQuery {
  readonly form: 'query' | 'parenthesised';
  /** Canonical (lower-case, long) name → value. */
  readonly values: ReadonlyMap<string, string>;
  /** Names given twice with different values (the last one is in `values`). */
  readonly conflicts: readonly string[];
}

const REPORT_ALIASES: Readonly<Record<string, string>> = {
  o: 'organization',
  org: 'organization',
  ordnum: 'ordernumber',
  ordval: 'ordervalue',
  curr: 'currency',
  chksum: 'checksum',
  leadnum: 'leadnumber',
};

const ABSENT = new Set(['', 'null', 'undefined', 'nil', 'none']);

/** `%xx` and `+` as a form decoder would; a malformed escape stays as written. */
function decodeFormComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** `%xx` only (`+` is a plus in the parenthesised form); a malformed escape stays as written. */
function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Whether a raw query is in the parenthesised form (`o(123)event(4)…`). */
export function isParenthesised(rawQuery: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*\(/.test(rawQuery);
}

/**
 * The `name(value)` groups of a parenthesised text, values raw (still encoded), nested
 * parentheses kept inside their value: `basket(pr(i(1)q(2)))` → [['basket', 'pr(i(1)q(2))']].
 * Separators between groups (`&`, `;`, spaces) are skipped; an unclosed group takes the rest.
 */
export function parenthesisedGroups(text: string): [string, string][] {
  const groups: [string, string][] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[&;\s]/.test(text[i]!)) i++;
    const open = text.indexOf('(', i);
    if (open < 0) break;
    const name = text.slice(i, open);
    let depth = 1;
    let j = open + 1;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')') depth--;
    }
    const end = depth === 0 ? j - 1 : text.length;
    groups.push([name, text.slice(open + 1, end)]);
    i = depth === 0 ? j : text.length;
  }
  return groups;
}

function canonicalName(raw: string, aliases: Readonly<Record<string, string>>): string {
  const name = raw
    .trim()
    .toLowerCase()
    .replace(/^(amp;)+/, '');
  return aliases[name] ?? name;
}

function collect(
  pairs: Iterable<[string, string]>,
  aliases: Readonly<Record<string, string>>,
  form: TradedoublerQuery['form'],
): TradedoublerQuery {
  const values = new Map<string, string>();
  const conflicts = new Set<string>();
  for (const [rawName, value] of pairs) {
    const name = canonicalName(rawName, aliases);
    if (name === '' || ABSENT.has(value.trim().toLowerCase())) continue;
    const previous = values.get(name);
    if (previous !== undefined && previous !== value) conflicts.add(name);
    values.set(name, value);
  }
  return { form, values, conflicts: [...conflicts] };
}

/** Reads a raw query string (what follows `?`, undecoded) in either form. */
export function readTradedoublerQuery(
  rawQuery: string,
  aliases: Readonly<Record<string, string>> = REPORT_ALIASES,
): TradedoublerQuery {
  if (isParenthesised(rawQuery))
    return collect(
      parenthesisedGroups(rawQuery).map(([name, value]) => [name, decodeComponent(value)]),
      aliases,
      'parenthesised',
    );
  const pairs: [string, string][] = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    pairs.push(
      eq < 0
        ? [decodeFormComponent(piece), '']
        : [decodeFormComponent(piece.slice(0, eq)), decodeFormComponent(piece.slice(eq + 1))],
    );
  }
  return collect(pairs, aliases, 'query');
}

/** One product line as a pixel reports it, fields as sent (not yet validated). */
export interface ReportedLine {
  sku: string;
  name?: string;
  price: string;
  quantity?: string;
  group?: string;
  /** Our extension fields (reportInfo f5–f7): category, seller country, store. */
  category?: string;
  sellerCountry?: string;
  store?: string;
}

/**
 * reportInfo: lines split by `|`, fields by `&`, name from value by the first `=`; nothing is
 * decoded again (the query was decoded once), so `C++ Primer` stays `C++ Primer`. f1 sku,
 * f2 name, f3 price, f4 quantity; f5 category, f6 seller country, f7 store are ours.
 */
export function readReportInfo(reportInfo: string): ReportedLine[] {
  return reportInfo
    .split('|')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const fields = new Map<string, string>();
      for (const field of part.split('&')) {
        const eq = field.indexOf('=');
        if (eq > 0) fields.set(field.slice(0, eq).trim().toLowerCase(), field.slice(eq + 1));
      }
      const optional = (name: string) => {
        const value = fields.get(name);
        return value === undefined || value === '' ? undefined : value;
      };
      return {
        sku: fields.get('f1') ?? '',
        ...(optional('f2') !== undefined ? { name: optional('f2')! } : {}),
        price: fields.get('f3') ?? '',
        ...(optional('f4') !== undefined ? { quantity: optional('f4')! } : {}),
        ...(optional('f5') !== undefined ? { category: optional('f5')! } : {}),
        ...(optional('f6') !== undefined ? { sellerCountry: optional('f6')! } : {}),
        ...(optional('f7') !== undefined ? { store: optional('f7')! } : {}),
      };
    });
}

/**
 * A product-level basket: `pr(gr(<group>)i(<sku>)n(<name>)v(<price>)q(<qty>))pr(…)`, each
 * value decoded once (it may arrive percent-encoded as a whole, as the stape tag sends it).
 */
export function readBasket(basket: string): ReportedLine[] {
  const text = basket.includes('pr(') ? basket : decodeComponent(basket);
  return parenthesisedGroups(text)
    .filter(([name]) => name.trim().toLowerCase() === 'pr')
    .map(([, product]) => {
      const fields = new Map(
        parenthesisedGroups(product).map(([name, value]) => [
          name.trim().toLowerCase(),
          decodeComponent(value),
        ]),
      );
      return {
        sku: fields.get('i') ?? '',
        ...(fields.get('n') ? { name: fields.get('n')! } : {}),
        price: fields.get('v') ?? '',
        ...(fields.get('q') ? { quantity: fields.get('q')! } : {}),
        ...(fields.get('gr') ? { group: fields.get('gr')! } : {}),
      };
    });
}
