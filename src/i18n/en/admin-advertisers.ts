/** What the admin's advertiser invitations page says, in English and Dutch. */
export const ADMIN_ADVERTISERS = {
  'nav.advertisers': 'Advertisers',
  'adminAdvertisers.intro':
    'Invite an advertiser’s user: a new name creates the advertiser, an existing one adds a user to it. The invitee chooses a password from the emailed link (single use, 7 days).',
  'adminAdvertisers.advertiser': 'Advertiser (company name)',
  'adminAdvertisers.email': 'Email address',
  'adminAdvertisers.name': 'Their name (optional)',
  'adminAdvertisers.language': 'Language of the email',
  'adminAdvertisers.invite': 'Send the invitation',
  'adminAdvertisers.invited': 'Invitation sent to {email}.',
} as const;
