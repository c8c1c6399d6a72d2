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
  'account.fix.fields': 'controleer deze velden: {fields}',
  'account.fix.email': 'vul een e-mailadres in zoals naam@voorbeeld.nl',
  'account.fix.siteUrl': 'vul een websiteadres in zoals https://voorbeeld.nl',
  'account.fix.siteName': 'vul de naam van je website in (2 tot 100 tekens)',
  'account.fix.name': 'vul je naam in (2 tot 100 tekens)',
  'account.fix.company': 'hoogstens 100 tekens',
  'account.fix.country': 'vul een landcode van twee letters in, zoals NL',
  'account.fix.vatNumber':
    'vul het btw-nummer in van het land dat je opgaf, zoals NL123456789B01, of laat het leeg',
  'account.fix.iban':
    'dit is geen geldig IBAN: controleer de landcode, het aantal tekens en de cijfers (zoals NL91 ABNA 0417 1643 00), of laat het leeg',
  'account.fix.promotionMethods': 'vink minstens één manier aan waarop je promoot',
  'account.fix.password': 'gebruik minstens 10 tekens (hoogstens 200)',
};
