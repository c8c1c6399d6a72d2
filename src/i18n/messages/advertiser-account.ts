import type { Messages } from '../catalogue.js';

/** What the advertiser account pages say, in English and Dutch. */
export const ADVERTISER_ACCOUNT_MESSAGES = {
  'advertiserAccount.publicProgramPage': ['Public program page', 'Openbare programmapagina'],
  'advertiserAccount.loaded': ['loaded', 'geladen'],
  'advertiserAccount.name': ['Name', 'Naam'],
  'advertiserAccount.prefix': ['Prefix', 'Voorvoegsel'],
  'advertiserAccount.created': ['Created', 'Aangemaakt'],
  'advertiserAccount.status': ['Status', 'Status'],
  'advertiserAccount.active': ['active', 'actief'],
  'advertiserAccount.revoked': ['revoked', 'ingetrokken'],
  'advertiserAccount.revoke': ['Revoke', 'Intrekken'],
  'advertiserAccount.revokeWarning': [
    'Integrations that send this key stop working at once; this cannot be undone.',
    'Koppelingen die deze sleutel sturen werken meteen niet meer; dit kan niet ongedaan worden.',
  ],
  'advertiserAccount.revokeConfirm': ['Yes, revoke this key', 'Ja, trek deze sleutel in'],
  'advertiserAccount.keyRevoked': [
    'Key revoked: calls with it are refused from now on.',
    'Sleutel ingetrokken: verzoeken ermee worden vanaf nu geweigerd.',
  ],
  'advertiserAccount.nameOfTheNewKey': ['Name of the new key', 'Naam van de nieuwe sleutel'],
  'advertiserAccount.createKey': ['Create key', 'Sleutel aanmaken'],
  'advertiserAccount.yourNewKeyShownOnce': [
    'Your new key (shown once, copy it now):',
    'Je nieuwe sleutel (eenmalig getoond, kopieer hem nu):',
  ],
} as const satisfies Messages;
