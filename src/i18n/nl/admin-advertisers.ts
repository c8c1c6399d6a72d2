import type { Translation } from '../translation.js';
import type { ADMIN_ADVERTISERS } from '../en/admin-advertisers.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADMIN_ADVERTISERS_NL: Translation<typeof ADMIN_ADVERTISERS> = {
  'nav.advertisers': 'Adverteerders',
  'adminAdvertisers.intro':
    'Nodig een gebruiker van een adverteerder uit: een nieuwe naam maakt de adverteerder aan, een bestaande voegt er een gebruiker aan toe. De genodigde kiest een wachtwoord via de gemailde link (één keer bruikbaar, 7 dagen geldig).',
  'adminAdvertisers.advertiser': 'Adverteerder (bedrijfsnaam)',
  'adminAdvertisers.email': 'E-mailadres',
  'adminAdvertisers.name': 'Naam (optioneel)',
  'adminAdvertisers.language': 'Taal van de e-mail',
  'adminAdvertisers.invite': 'Uitnodiging versturen',
  'adminAdvertisers.invited': 'Uitnodiging verstuurd naar {email}.',
};
