import type { Messages } from '../catalogue.js';

/** What the portal pages say, in English and Dutch. */
export const PORTAL_MESSAGES = {
  'portal.chooseANewPassword': ['Choose a new password', 'Kies een nieuw wachtwoord'],
} as const satisfies Messages;
