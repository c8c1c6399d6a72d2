import type { Translation } from '../translation.js';
import type { NOTIFICATIONS } from '../en/notifications.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const NOTIFICATIONS_NL: Translation<typeof NOTIFICATIONS> = {
  'notifications.title': 'Meldingen',
  'notifications.intro':
    'Kies welke e-mails je ontvangt; elke melding staat aan tot je hem uitzet. Ze gaan naar {email} in het {language}, de taal die je het laatst bovenaan de pagina koos.',
  'notifications.language.en': 'Engels',
  'notifications.language.nl': 'Nederlands',
  'notifications.kind.commission_digest':
    'Dagelijks overzicht van goedgekeurde en afgewezen commissies',
  'notifications.kind.commission_digest.hint':
    'Eén e-mail per dag met de beslissingen van die dag en hun bedragen.',
  'notifications.kind.statement_issued': 'Afrekening opgemaakt',
  'notifications.kind.statement_issued.hint': 'Zodra je maandelijkse afrekening klaar is.',
  'notifications.kind.payout_sent': 'Uitbetaling verstuurd',
  'notifications.kind.payout_sent.hint': 'Zodra het netwerk een afrekening heeft uitbetaald.',
  'notifications.kind.application_received': 'Nieuwe aanmelding',
  'notifications.kind.application_received.hint':
    'Zodra een publisher zich aanmeldt voor een van je programma’s.',
  'notifications.kind.invoice_issued': 'Factuur opgemaakt',
  'notifications.kind.invoice_issued.hint': 'Zodra het netwerk je een factuur stuurt.',
  'notifications.kind.reports_refused': 'Geweigerde meldingen',
  'notifications.kind.reports_refused.hint':
    'Zodra binnen een uur meer dan {threshold} pixel- of API-meldingen van een programma worden geweigerd (hooguit één waarschuwing per dag per programma).',
  'notifications.kind.feed_failing': 'Productfeed niet opgehaald',
  'notifications.kind.feed_failing.hint':
    'Zodra het netwerk de feed-URL van een programma {failures} keer achter elkaar niet kon ophalen (één e-mail tot het weer lukt).',
  'notifications.none': 'Voor dit account zijn er geen meldingen om te kiezen.',
  'notifications.save': 'Meldingen opslaan',
  'notifications.saved': 'Je keuzes voor meldingen zijn opgeslagen.',
  'notifications.settings': 'Accountinstellingen',
  'email.commissionDigest.subject':
    'Je commissies van {day}: {approved} goedgekeurd, {declined} afgewezen',
  'email.commissionDigest.text': 'De beslissingen over je commissies op {day}:',
  'email.commissionDigest.approved': 'Goedgekeurd  {amount}  {program}, bestelling {order}',
  'email.commissionDigest.declined': 'Afgewezen  {amount}  {program}, bestelling {order}',
  'email.commissionDigest.more': '… en nog {count}.',
  'email.commissionDigest.approvedTotal': 'Goedgekeurd in totaal: {amount} ({count}).',
  'email.commissionDigest.declinedTotal': 'Afgewezen in totaal: {amount} ({count}).',
  'email.commissionDigest.link': 'Je transacties: {link}',
  'email.commissionDigest.portal': 'Je transacties staan in het portaal: Transacties.',
  'email.statementIssued.subject': 'Je afrekening over {period}: {amount}',
  'email.statementIssued.text':
    'Je afrekening over {period} is opgemaakt: {amount}, uit te betalen met de volgende uitbetalingsronde.',
  'email.statementIssued.link': 'Je afrekening: {link}',
  'email.statementIssued.portal': 'De afrekening staat in het portaal: Afrekeningen.',
  'email.payoutSent.subject': 'Uitbetaling verstuurd: {amount}',
  'email.payoutSent.text':
    'Het netwerk heeft {amount} naar je bankrekening overgemaakt ({statements}). Een overboeking komt meestal binnen een à twee werkdagen aan.',
  'email.payoutSent.link': 'Je afrekeningen: {link}',
  'email.payoutSent.portal': 'Je afrekeningen staan in het portaal: Afrekeningen.',
  'email.reportsRefused.subject': 'Meldingen voor {program} worden geweigerd',
  'email.reportsRefused.text':
    'Het netwerk heeft het afgelopen uur {count} pixel- of API-meldingen voor {program} geweigerd ({codes}). De koppeling is mogelijk kapot: de bestellingen uit deze meldingen leveren geen commissie op tot ze juist worden gemeld.',
  'email.reportsRefused.link': 'Wat is geweigerd, en waarom: {link}',
  'email.reportsRefused.portal':
    'Wat is geweigerd, en waarom: adverteerdersconsole → de trackingpagina van het programma.',
  'email.feedFailing.subject': 'De productfeed van {program} is niet op te halen',
  'email.feedFailing.text':
    'Het netwerk kon de productfeed van {program} {failures} keer achter elkaar niet ophalen van {url}. De laatste reden: {error}. Publishers houden intussen de producten van de laatste import; het netwerk blijft het proberen, minder vaak.',
  'email.feedFailing.link': 'De feed en de laatste import: {link}',
  'email.feedFailing.portal':
    'De feed en de laatste import: adverteerdersconsole → Programma’s → Productfeed.',
  'email.notifications.footer': 'Je ontvangt deze e-mail omdat deze melding aan staat: {link}',
  'email.notifications.footerPortal':
    'Je ontvangt deze e-mail omdat deze melding aan staat; zet hem uit in het portaal: Meldingen.',
} as const;
