/** What the portal pages say, in English and Dutch. */
export const PORTAL = {
  'portal.chooseANewPassword': 'Choose a new password',
} as const;
