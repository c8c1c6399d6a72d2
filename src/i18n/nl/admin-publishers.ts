import type { Translation } from '../translation.js';
import type { ADMIN_PUBLISHERS } from '../en/admin-publishers.js';

/** The Dutch of the English area next door (`../en/`): a key it lacks or adds does not compile. */
export const ADMIN_PUBLISHERS_NL: Translation<typeof ADMIN_PUBLISHERS> = {
  'adminPublishers.intro':
    'De status van elke publisher in het hele netwerk: beperkt kan zich bij geen enkel programma aanmelden; beëindigd kan zich niet aanmelden en verdient met klikken en bestellingen in geen enkel programma. Dit beslist alleen het netwerk: een beëindiging, beperking of registratieblokkade door een adverteerder geldt alleen in de programma’s van die adverteerder. Elke wijziging staat met de reden in het auditlog.',
  'adminPublishers.publisher': 'Publisher',
  'adminPublishers.status': 'Netwerkstatus',
  'adminPublishers.change': 'Wijzigen',
  'adminPublishers.statusOf': 'Nieuwe netwerkstatus van {publisher}',
  'adminPublishers.reasonOf': 'Reden voor de wijziging bij {publisher}',
  'adminPublishers.reason': 'Reden (auditlog)',
  'adminPublishers.save': 'Opslaan',
  'adminPublishers.changed': 'Netwerkstatus van {publisher}: {before} → {after}.',
};
