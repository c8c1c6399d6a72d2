/** What the account pages say, in English and Dutch. */
export const ACCOUNT = {
  'account.chooseANewPassword': 'Choose a new password',
  'account.youLoggedInWithA':
    'You logged in with a one-time password: replace it before you continue.',
  'account.currentPassword': 'Current password',
  'account.saveTheNewPassword': 'Save the new password',
  'account.password': 'Password',
  'account.passwordChanged': 'Your new password is saved; your other sessions are logged out.',
  'account.activateYourAccount': 'Activate your account',
  'account.oneStepLeftConfirmTo': 'One step left: confirm to activate your publisher account.',
  'account.activateMyAccount': 'Activate my account',
  'account.fix.fields': 'check these fields: {fields}',
  'account.fix.email': 'enter an email address such as name@example.nl',
  'account.fix.siteUrl': 'enter a website address such as https://example.nl',
  'account.fix.siteName': 'enter the name of your website (2 to 100 characters)',
  'account.fix.name': 'enter your name (2 to 100 characters)',
  'account.fix.company': 'at most 100 characters',
  'account.fix.country': 'enter a two-letter country code such as NL',
  'account.fix.vatNumber':
    'enter the VAT number of the country you gave, such as NL123456789B01, or leave it empty',
  'account.fix.iban':
    'this is not a valid IBAN: check the country code, the number of characters and the digits (such as NL91 ABNA 0417 1643 00), or leave it empty',
  'account.fix.promotionMethods': 'tick at least one way you promote',
  'account.fix.password': 'use at least 10 characters (at most 200)',
} as const;
