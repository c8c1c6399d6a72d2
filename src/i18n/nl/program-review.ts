import type { Translation } from '../translation.js';
import type { PROGRAM_REVIEW } from '../en/program-review.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const PROGRAM_REVIEW_NL: Translation<typeof PROGRAM_REVIEW> = {
  'nav.programReviews': 'Programmabeoordeling',
  'programReview.intro':
    'Programma’s die adverteerders aanmaken wachten hier: zolang je er een niet goedkeurt staat het niet in de programmagids, kunnen publishers zich niet aanmelden, tellen de kliks niet en worden de meldingen geweigerd. Een merktreffer betekent dat de naam, de adverteerder of de landings-URL van het programma lijkt op een merk van een andere adverteerder.',
  'programReview.waiting': 'Ter beoordeling',
  'programReview.decided': 'Beslist',
  'programReview.none': 'Er wacht geen programma.',
  'programReview.waitingCount': 'Programma’s die op je beoordeling wachten: {count}',
  'programReview.program': 'Programma',
  'programReview.advertiser': 'Adverteerder (account)',
  'programReview.advertiserInTerms': 'Adverteerder (in de voorwaarden)',
  'programReview.landingUrl': 'Landings-URL',
  'programReview.created': 'Aangemaakt',
  'programReview.status': 'Beoordeling',
  'programReview.brandHits': 'Merktreffers (merken van andere adverteerders):',
  'programReview.noBrandHits': 'Geen merktreffers.',
  'programReview.decision': 'Beslissing',
  'programReview.approve': 'Goedkeuren',
  'programReview.refuse': 'Weigeren',
  'programReview.reason': 'Reden (verplicht bij weigeren; de adverteerder leest hem)',
  'programReview.submit': 'Beslissing vastleggen',
  'programReview.recorded': 'Programma {name} is nu {status}.',
  'programReview.unchanged': 'Programma {name} was al {status}; er is niets veranderd.',
  'programReview.inReviewNote':
    'Het netwerk beoordeelt dit programma: tot het is goedgekeurd staat het niet in de programmagids, kunnen publishers zich niet aanmelden, tellen de kliks niet en worden de meldingen geweigerd.',
  'programReview.refusedNote':
    'Het netwerk heeft dit programma geweigerd: {reason}. Pas de voorwaarden aan om het opnieuw te laten beoordelen.',
};
