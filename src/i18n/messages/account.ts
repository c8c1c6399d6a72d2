import type { Messages } from '../catalogue.js';

/** What the account pages say, in English and Dutch. */
export const ACCOUNT_MESSAGES = {
  'account.chooseANewPassword': ['Choose a new password', 'Kies een nieuw wachtwoord'],
  'account.youLoggedInWithA': [
    'You logged in with a one-time password: replace it before you continue.',
    'Je bent ingelogd met een eenmalig wachtwoord: vervang het voordat je verdergaat.',
  ],
  'account.currentPassword': ['Current password', 'Huidig wachtwoord'],
  'account.saveTheNewPassword': ['Save the new password', 'Nieuw wachtwoord opslaan'],
  'account.password': ['Password', 'Wachtwoord'],
  'account.passwordChanged': [
    'Your new password is saved; your other sessions are logged out.',
    'Je nieuwe wachtwoord is opgeslagen; je andere sessies zijn uitgelogd.',
  ],
  'account.activateYourAccount': ['Activate your account', 'Activeer je account'],
  'account.oneStepLeftConfirmTo': [
    'One step left: confirm to activate your publisher account.',
    'Nog één stap: bevestig om je publisheraccount te activeren.',
  ],
  'account.activateMyAccount': ['Activate my account', 'Activeer mijn account'],
} as const satisfies Messages;
