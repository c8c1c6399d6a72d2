/** What the advertiser account pages say, in English and Dutch. */
export const ADVERTISER_ACCOUNT = {
  'advertiserAccount.publicProgramPage': 'Public program page',
  'advertiserAccount.loaded': 'loaded',
  'advertiserAccount.name': 'Name',
  'advertiserAccount.prefix': 'Prefix',
  'advertiserAccount.created': 'Created',
  'advertiserAccount.status': 'Status',
  'advertiserAccount.active': 'active',
  'advertiserAccount.revoked': 'revoked',
  'advertiserAccount.revoke': 'Revoke',
  'advertiserAccount.revokeWarning':
    'Integrations that send this key stop working at once; this cannot be undone.',
  'advertiserAccount.revokeConfirm': 'Yes, revoke this key',
  'advertiserAccount.keyRevoked': 'Key revoked: calls with it are refused from now on.',
  'advertiserAccount.nameOfTheNewKey': 'Name of the new key',
  'advertiserAccount.createKey': 'Create key',
  'advertiserAccount.yourNewKeyShownOnce': 'Your new key (shown once, copy it now):',
} as const;
