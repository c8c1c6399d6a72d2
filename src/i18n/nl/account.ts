import type { Translation } from '../translation.js';
import type { ACCOUNT } from '../en/account.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ACCOUNT_NL: Translation<typeof ACCOUNT> = {
  'account.chooseANewPassword': 'Kies een nieuw wachtwoord',
  'account.youLoggedInWithA':
    'Je bent ingelogd met een eenmalig wachtwoord: vervang het voordat je verdergaat.',
  'account.currentPassword': 'Huidig wachtwoord',
  'account.saveTheNewPassword': 'Nieuw wachtwoord opslaan',
  'account.password': 'Wachtwoord',
  'account.passwordChanged':
    'Je nieuwe wachtwoord is opgeslagen; je andere sessies zijn uitgelogd.',
  'account.activateYourAccount': 'Activeer je account',
  'account.oneStepLeftConfirmTo': 'Nog één stap: bevestig om je publisheraccount te activeren.',
  'account.activateMyAccount': 'Activeer mijn account',
};
