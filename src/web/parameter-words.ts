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
  [/^(?:expected )?at most ([\d,]+) characters$/, 'hoogstens $1 tekens'],
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
    /^no macros in the scheme, user, host or port, only in the path and query$/,
    'geen macro’s in schema, gebruiker, host of poort, alleen in pad en query',
  ],
  [
    /^start with the scheme, \/\/ and the tracker’s host written out \(https:\/\/tracker\.example\/…\), with macros in the path and query only$/,
    'begin met het schema, // en de host van de tracker voluit (https://tracker.example/…), met macro’s alleen in pad en query',
  ],
  // A form field, as the schemas of the forms word it (zod's own words and ours).
  [/^Too small: expected string to have >=1 characters?$/, 'vul dit in'],
  [/^Invalid input: expected \w+, received undefined$/, 'vul dit in'],
  [/^Too small: expected string to have >=(\d+) characters$/, 'gebruik minstens $1 tekens'],
  [/^Too big: expected string to have <=(\d+) characters$/, 'gebruik hoogstens $1 tekens'],
  [
    /^Too (?:small|big): expected string to have exactly (\d+) characters$/,
    'gebruik precies $1 tekens',
  ],
  [/^Too small: expected number to be >=(-?[\d.]+)$/, 'vul een getal in van minstens $1'],
  [/^Too small: expected number to be >(-?[\d.]+)$/, 'vul een getal in groter dan $1'],
  [/^Too big: expected number to be <=(-?[\d.]+)$/, 'vul een getal in van hoogstens $1'],
  [/^Too big: expected number to be <(-?[\d.]+)$/, 'vul een getal in kleiner dan $1'],
  [/^Too small: expected array to have >=1 items?$/, 'kies er minstens één'],
  [/^Too small: expected array to have >=(\d+) items$/, 'kies er minstens $1'],
  [/^Too big: expected array to have <=(\d+) items$/, 'kies er hoogstens $1'],
  [/^Invalid input: expected int, received \w+$/, 'vul een heel getal in'],
  [/^Invalid input: expected number, received \w+$/, 'vul een getal in'],
  [/^Invalid input: expected boolean, received \w+$/, 'kies ja of nee'],
  [/^Invalid input: expected string, received \w+$/, 'vul tekst in'],
  [/^Invalid option: expected one of (.+)$/, 'kies een van $1'],
  [/^Invalid email address$/, 'vul een e-mailadres in, zoals naam@voorbeeld.nl'],
  [/^Invalid URL$/, 'vul een volledig webadres in, zoals https://voorbeeld.nl'],
  [/^Invalid string: must match pattern .*$/, 'dit heeft niet de vorm die hier gevraagd wordt'],
  [/^Invalid input$/, 'deze waarde is niet geldig'],
  [/^expected true or false$/, 'kies ja of nee'],
  [/^give the key a name$/, 'geef de sleutel een naam'],
  [/^give the URL$/, 'vul de URL in'],
  [/^name at least one event$/, 'kies minstens één gebeurtenis'],
  [/^expected one of your sites$/, 'kies een van je sites'],
  [
    /^required: your site approved in the program$/,
    'kies je site die in het programma is goedgekeurd',
  ],
  [
    /^the planned send time, as YYYY-MM-DDTHH:MM UTC$/,
    'vul de geplande verzendtijd in als JJJJ-MM-DDTUU:MM (UTC)',
  ],
  [/^nothing to delete$/, 'er is niets om te verwijderen'],
  [
    /^edit these terms in YAML in the terms editor$/,
    'wijzig deze voorwaarden in YAML in de voorwaardeneditor',
  ],
  [
    /^choose the feed file: CSV, TSV or XML \(optionally gzipped\)$/,
    'kies het feedbestand: CSV, TSV of XML (eventueel gegzipt)',
  ],
];

/**
 * The fields of the portal's forms in Dutch, by their name in the form, so a refused form names
 * the field as its label does ("Onderwerp: vul dit in", not "subject: …"). A name not here is
 * shown as sent.
 */
const DUTCH_FIELDS: Readonly<Record<string, string>> = {
  email: 'E-mailadres',
  password: 'Wachtwoord',
  currentPassword: 'Huidig wachtwoord',
  name: 'Naam',
  url: 'URL',
  reason: 'Reden',
  comments: 'Opmerkingen',
  subject: 'Onderwerp',
  htmlBody: 'HTML-tekst',
  plannedSendAt: 'Geplande verzending',
  audienceSize: 'Aantal ontvangers',
  audienceSource: 'Herkomst adressen',
  programId: 'Programma',
  siteId: 'Site',
  publisherId: 'Publisher',
  decision: 'Beslissing',
  country: 'Land',
  vatNumber: 'Btw-nummer',
  minimumPayout: 'Minimale uitbetaling',
  executionDate: 'Uitvoeringsdatum',
  period: 'Maand',
  text: 'Tekst',
  description: 'Omschrijving',
  events: 'Gebeurtenissen',
  evidence: 'Bewijs',
  rule: 'Regel',
  amount: 'Bedrag',
  kind: 'Soort',
};

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
 * parameter to fix and how, not a generic sentence meant for another page. The fields of a form
 * are named as the portal's Dutch labels name them.
 */
export function parametersIn(
  locale: Locale,
  refusal: { message: string; issues?: readonly Issue[] | undefined },
  fields: 'parameters' | 'form fields' = 'parameters',
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
  // A form field by its Dutch name; a parameter (of the pixel, a report) keeps its own.
  const nameIn = (name: string) =>
    fields === 'form fields' && locale === 'nl' ? (DUTCH_FIELDS[name] ?? name) : name;
  return parts
    .map(({ name, detail }) =>
      name === '' ? detailIn(locale, detail) : `${nameIn(name)}: ${detailIn(locale, detail)}`,
    )
    .join('; ');
}
