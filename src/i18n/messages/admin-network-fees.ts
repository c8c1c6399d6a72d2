import type { Messages } from '../catalogue.js';

/** What the admin's network fee page and the advertiser's terms page say about the fee. */
export const ADMIN_NETWORK_FEES_MESSAGES = {
  'nav.networkFees': ['Network fees', 'Netwerkvergoeding'],
  'networkFees.intro': [
    'The network fee of each program, billed to the advertiser on approved commission at the rate set when an invoice is issued. It is the network’s: advertisers see it but cannot change it, and terms files cannot set it. Every change is in the audit log with its before and after.',
    'De netwerkvergoeding per programma, aan de adverteerder gefactureerd over goedgekeurde commissie tegen het tarief dat geldt wanneer een factuur wordt uitgereikt. Ze is van het netwerk: adverteerders zien haar maar kunnen haar niet wijzigen, en voorwaardenbestanden kunnen haar niet zetten. Elke wijziging staat in het auditlog met de waarde ervoor en erna.',
  ],
  'networkFees.program': ['Program', 'Programma'],
  'networkFees.rate': ['Network fee', 'Netwerkvergoeding'],
  'networkFees.newRate': ['New rate (0.30 is 30 %)', 'Nieuw tarief (0,30 is 30 %)'],
  'networkFees.save': ['Save', 'Opslaan'],
  'networkFees.changed': [
    'Network fee of {program}: {before} → {after} (invoices issued from now on).',
    'Netwerkvergoeding van {program}: {before} → {after} (facturen vanaf nu).',
  ],
  'networkFees.ofProgram': [
    'Network fee: {rate} of approved commission, set by the network (not by these terms).',
    'Netwerkvergoeding: {rate} van de goedgekeurde commissie, vastgesteld door het netwerk (niet door deze voorwaarden).',
  ],
} as const satisfies Messages;
