import type { Translation } from '../translation.js';
import type { ADMIN_NETWORK_FEES } from '../en/admin-network-fees.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADMIN_NETWORK_FEES_NL: Translation<typeof ADMIN_NETWORK_FEES> = {
  'nav.networkFees': 'Netwerkvergoeding',
  'networkFees.intro':
    'De netwerkvergoeding per programma, aan de adverteerder gefactureerd over goedgekeurde commissie tegen het tarief dat geldt wanneer een factuur wordt uitgereikt. Ze is van het netwerk: adverteerders zien haar maar kunnen haar niet wijzigen, en voorwaardenbestanden kunnen haar niet zetten. Elke wijziging staat in het auditlog met de waarde ervoor en erna.',
  'networkFees.program': 'Programma',
  'networkFees.rate': 'Netwerkvergoeding',
  'networkFees.newRate': 'Nieuw tarief (0,30 is 30 %)',
  'networkFees.newRateOf': 'Nieuwe netwerkvergoeding van {program}',
  'networkFees.save': 'Opslaan',
  'networkFees.changed': 'Netwerkvergoeding van {program}: {before} → {after} (facturen vanaf nu).',
  'networkFees.ofProgram':
    'Netwerkvergoeding: {rate} van de goedgekeurde commissie, vastgesteld door het netwerk (niet door deze voorwaarden).',
};
