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
} as const;
