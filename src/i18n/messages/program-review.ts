import type { Messages } from '../catalogue.js';

/** What the network's program review says (the admin's queue, the advertiser's console). */
export const PROGRAM_REVIEW_MESSAGES = {
  'nav.programReviews': ['Program review', 'Programmabeoordeling'],
  'programReview.intro': [
    'Programs advertisers create wait here: until you approve one it is not in the directory, publishers cannot apply, its clicks do not attribute and its reports are refused. A brand hit means the program’s name, advertiser or landing URL looks like another advertiser’s brand.',
    'Programma’s die adverteerders aanmaken wachten hier: zolang je er een niet goedkeurt staat het niet in de programmagids, kunnen publishers zich niet aanmelden, tellen de kliks niet en worden de meldingen geweigerd. Een merktreffer betekent dat de naam, de adverteerder of de landings-URL van het programma lijkt op een merk van een andere adverteerder.',
  ],
  'programReview.waiting': ['In review', 'Ter beoordeling'],
  'programReview.decided': ['Decided', 'Beslist'],
  'programReview.none': ['No program is waiting.', 'Er wacht geen programma.'],
  'programReview.waitingCount': [
    'Programs waiting for your review: {count}',
    'Programma’s die op je beoordeling wachten: {count}',
  ],
  'programReview.program': ['Program', 'Programma'],
  'programReview.advertiser': ['Advertiser (account)', 'Adverteerder (account)'],
  'programReview.advertiserInTerms': [
    'Advertiser (in its terms)',
    'Adverteerder (in de voorwaarden)',
  ],
  'programReview.landingUrl': ['Landing URL', 'Landings-URL'],
  'programReview.created': ['Created', 'Aangemaakt'],
  'programReview.status': ['Review', 'Beoordeling'],
  'programReview.brandHits': [
    'Brand hits (other advertisers’ brands):',
    'Merktreffers (merken van andere adverteerders):',
  ],
  'programReview.noBrandHits': ['No brand hits.', 'Geen merktreffers.'],
  'programReview.decision': ['Decision', 'Beslissing'],
  'programReview.approve': ['Approve', 'Goedkeuren'],
  'programReview.refuse': ['Refuse', 'Weigeren'],
  'programReview.reason': [
    'Reason (required to refuse; the advertiser reads it)',
    'Reden (verplicht bij weigeren; de adverteerder leest hem)',
  ],
  'programReview.submit': ['Record the decision', 'Beslissing vastleggen'],
  'programReview.recorded': ['Program {name} is now {status}.', 'Programma {name} is nu {status}.'],
  'programReview.unchanged': [
    'Program {name} was {status} already; nothing changed.',
    'Programma {name} was al {status}; er is niets veranderd.',
  ],
  'programReview.inReviewNote': [
    'The network reviews this program: until it is approved it is not in the directory, publishers cannot apply, its clicks do not attribute and its reports are refused.',
    'Het netwerk beoordeelt dit programma: tot het is goedgekeurd staat het niet in de programmagids, kunnen publishers zich niet aanmelden, tellen de kliks niet en worden de meldingen geweigerd.',
  ],
  'programReview.refusedNote': [
    'The network refused this program: {reason}. Change its terms to have it reviewed again.',
    'Het netwerk heeft dit programma geweigerd: {reason}. Pas de voorwaarden aan om het opnieuw te laten beoordelen.',
  ],
} as const satisfies Messages;
