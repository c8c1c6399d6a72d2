import type { Translation } from '../translation.js';
import type { PORTAL } from '../en/portal.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const PORTAL_NL: Translation<typeof PORTAL> = {
  'portal.chooseANewPassword': 'Kies een nieuw wachtwoord',
};
