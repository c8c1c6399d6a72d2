import type { Translation } from '../translation.js';
import type { ADVERTISER_ACCOUNT } from '../en/advertiser-account.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADVERTISER_ACCOUNT_NL: Translation<typeof ADVERTISER_ACCOUNT> = {
  'advertiserAccount.publicProgramPage': 'Openbare programmapagina',
  'advertiserAccount.loaded': 'geladen',
  'advertiserAccount.name': 'Naam',
  'advertiserAccount.prefix': 'Voorvoegsel',
  'advertiserAccount.created': 'Aangemaakt',
  'advertiserAccount.status': 'Status',
  'advertiserAccount.active': 'actief',
  'advertiserAccount.revoked': 'ingetrokken',
  'advertiserAccount.revoke': 'Intrekken',
  'advertiserAccount.revokeWarning':
    'Koppelingen die deze sleutel sturen werken meteen niet meer; dit kan niet ongedaan worden.',
  'advertiserAccount.revokeConfirm': 'Ja, trek deze sleutel in',
  'advertiserAccount.keyRevoked': 'Sleutel ingetrokken: verzoeken ermee worden vanaf nu geweigerd.',
  'advertiserAccount.nameOfTheNewKey': 'Naam van de nieuwe sleutel',
  'advertiserAccount.createKey': 'Sleutel aanmaken',
  'advertiserAccount.yourNewKeyShownOnce': 'Je nieuwe sleutel (eenmalig getoond, kopieer hem nu):',
};
