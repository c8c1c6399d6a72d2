import type { Messages } from '../catalogue.js';

/** What the admin's advertiser invitations page says, in English and Dutch. */
export const ADMIN_ADVERTISERS_MESSAGES = {
  'nav.advertisers': ['Advertisers', 'Adverteerders'],
  'adminAdvertisers.intro': [
    'Invite an advertiser’s user: a new name creates the advertiser, an existing one adds a user to it. The invitee chooses a password from the emailed link (single use, 7 days).',
    'Nodig een gebruiker van een adverteerder uit: een nieuwe naam maakt de adverteerder aan, een bestaande voegt er een gebruiker aan toe. De genodigde kiest een wachtwoord via de gemailde link (één keer bruikbaar, 7 dagen geldig).',
  ],
  'adminAdvertisers.advertiser': ['Advertiser (company name)', 'Adverteerder (bedrijfsnaam)'],
  'adminAdvertisers.email': ['Email address', 'E-mailadres'],
  'adminAdvertisers.name': ['Their name (optional)', 'Naam (optioneel)'],
  'adminAdvertisers.language': ['Language of the email', 'Taal van de e-mail'],
  'adminAdvertisers.invite': ['Send the invitation', 'Uitnodiging versturen'],
  'adminAdvertisers.invited': [
    'Invitation sent to {email}.',
    'Uitnodiging verstuurd naar {email}.',
  ],
} as const satisfies Messages;
