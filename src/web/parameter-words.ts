import type { Issue } from '../domain/errors.js';
import type { Locale } from './i18n.js';

/**
 * What the services say about a refused parameter, in Dutch: the details the tracking pixel,
 * the order API and the report filters give most (`orderValue: expected an amount such as 12.50,
 * got "abc"`). A detail not in this list keeps the service's words.
 */
const DUTCH: [RegExp, string][] = [
  [/^expected an amount such as ([\d.]+), got (".*")$/, 'verwacht een bedrag zoals $1, kreeg $2'],
  [
    /^expected a whole number of items, got (".*")$/,
    'verwacht een heel aantal artikelen, kreeg $1',
  ],
  [/^expected (?:a date as )?YYYY-MM-DD$/, 'verwacht een datum als JJJJ-MM-DD'],
  [
    /^the program id is required \(organization=… or o\(…\)\)$/,
    'de programma-id ontbreekt (organization=… of o(…))',
  ],
  [
    /^the ISO 4217 code of the sale, e\.g\. EUR$/,
    'de ISO 4217-valutacode van de verkoop ontbreekt, bijv. EUR',
  ],
  [/^(".*") is not an ISO 4217 code$/, '$1 is geen ISO 4217-valutacode'],
  [
    /^use up to (\d+) letters, digits, "-", "_" or "\."$/,
    'gebruik hoogstens $1 letters, cijfers, "-", "_" of "."',
  ],
  [/^must not be before from$/, 'mag niet vóór from liggen'],
  [/^at most a year before to$/, 'hoogstens een jaar vóór to'],
  [/^at most ten years after from$/, 'hoogstens tien jaar na from'],
  [
    /^orderNumber \(a sale\) or leadNumber \(a lead\) is required$/,
    'orderNumber (een verkoop) of leadNumber (een lead) is verplicht',
  ],
  // Webhook and postback addresses.
  [/^at most ([\d,]+) characters$/, 'hoogstens $1 tekens'],
  [/^expected an absolute https:\/\/ URL$/, 'verwacht een volledig https://-adres'],
  [/^expected http:\/\/ or https:\/\/, not (.*)$/, 'verwacht http:// of https://, niet $1'],
  [
    /^expected https:\/\/ \(this network sends no plain http\), not (.*)$/,
    'verwacht https:// (dit netwerk verstuurt geen onversleuteld http), niet $1',
  ],
  [
    /^no user name or password in the URL \(verify the signature instead\)$/,
    'geen gebruikersnaam of wachtwoord in de URL (controleer in plaats daarvan de handtekening)',
  ],
  [/^expected a host name$/, 'verwacht een hostnaam'],
  [
    /^no macros in the scheme or host, only in the path and query$/,
    'geen macro’s in schema of host, alleen in pad en query',
  ],
];

/** One refused parameter's detail in `locale`, or the service's words when there are none. */
function detailIn(locale: Locale, detail: string): string {
  if (locale !== 'nl') return detail;
  for (const [pattern, dutch] of DUTCH)
    if (pattern.test(detail)) return detail.replace(pattern, dutch);
  return detail;
}

/**
 * The refused parameters of a refusal with what is wrong with each, in `locale`: from its issues
 * when it carries them, else from its message (`name: detail; name: detail`, as the services and
 * a stored integration report write it), so a reader of another language still learns which
 * parameter to fix and how, not a generic sentence meant for another page.
 */
export function parametersIn(
  locale: Locale,
  refusal: { message: string; issues?: readonly Issue[] | undefined },
): string {
  const parts =
    refusal.issues !== undefined && refusal.issues.length > 0
      ? refusal.issues.map((issue) => ({ name: issue.path, detail: issue.message }))
      : refusal.message.split('; ').map((part) => {
          const at = part.search(/: /);
          return at < 0 || /\s/.test(part.slice(0, at))
            ? { name: '', detail: part }
            : { name: part.slice(0, at), detail: part.slice(at + 2) };
        });
  return parts
    .map(({ name, detail }) =>
      name === '' ? detailIn(locale, detail) : `${name}: ${detailIn(locale, detail)}`,
    )
    .join('; ');
}
