import { z } from 'zod';
import { directoryQuerySchema } from '../../domain/programs/directory.js';
import { ANSWERS } from '../api-answers.js';
import { BODIES } from './bodies.js';
import { defineRoute } from './contract.js';
import { idParam, tokenParam } from './params.js';

/** Accounts: sign-up, activation, sessions, passwords; the public program directory. */
export const ACCOUNT_ROUTES = {
  signupCheck: defineRoute({
    method: 'post',
    path: '/api/v1/signup/check',
    tag: 'Accounts',
    summary: 'Sign-up step 1 (AE-S1): check that an email address may sign up',
    auth: 'none',
    body: BODIES.email,
    answers: {
      200: { description: 'The normalised address', schema: ANSWERS.SignupCheck },
      400: 'Not an email address',
      403: 'Barred (AE-E1 g)',
      429: 'Rate limited',
    },
  }),
  signup: defineRoute({
    method: 'post',
    path: '/api/v1/signup',
    tag: 'Accounts',
    summary: 'Sign-up step 2: website and details; step 3 is the emailed activation link',
    auth: 'none',
    body: BODIES.signup,
    bodyCode: 'invalid_signup',
    answers: {
      202: {
        description:
          'Activation mail sent (an address that already has an account gets a notice instead; the answer is the same); brand screening hits (AE-P5)',
        schema: ANSWERS.SignupAccepted,
      },
      400: 'Invalid details (issues name each field)',
      429: 'Rate limited',
    },
  }),
  activate: defineRoute({
    method: 'post',
    path: '/api/v1/activate',
    tag: 'Accounts',
    summary: 'Activate an account with the emailed token (single use, 24 h)',
    auth: 'none',
    body: BODIES.token,
    answers: {
      200: { description: 'Active', schema: ANSWERS.Activated },
      400: 'Unknown token',
      410: 'Used or expired',
    },
  }),
  login: defineRoute({
    method: 'post',
    path: '/api/v1/sessions',
    tag: 'Accounts',
    summary: 'Log in: a session token for the rest of the API',
    auth: 'none',
    body: BODIES.login,
    answers: {
      201: {
        description: '{ token, expiresAt, role, mustChangePassword }',
        schema: ANSWERS.Session,
      },
      401: 'Wrong email or password',
      403: 'Not activated',
      429: 'Rate limited',
    },
  }),
  changePassword: defineRoute({
    method: 'post',
    path: '/api/v1/account/password',
    tag: 'Accounts',
    summary:
      'Replace your password (required first when logged in with a one-time password: every other route answers 403 password_change_required until then)',
    auth: 'user',
    body: BODIES.passwordChange,
    answers: {
      204: 'Changed; your other sessions ended',
      400: 'New password too short or unchanged',
      401: 'No session',
      403: 'Current password wrong',
      429: 'Rate limited',
    },
  }),
  logout: defineRoute({
    method: 'delete',
    path: '/api/v1/sessions/current',
    tag: 'Accounts',
    summary: 'Log out: end this session token',
    auth: 'user',
    answers: { 204: 'Ended', 401: 'No token' },
  }),
  requestPasswordReset: defineRoute({
    method: 'post',
    path: '/api/v1/password-reset',
    tag: 'Accounts',
    summary: 'Email a password reset link (always answers 202)',
    auth: 'none',
    body: BODIES.email,
    answers: { 202: { description: 'Accepted', schema: ANSWERS.Accepted }, 429: 'Rate limited' },
  }),
  resetPassword: defineRoute({
    method: 'post',
    path: '/api/v1/password-reset/{token}',
    tag: 'Accounts',
    summary: 'Choose a new password with the emailed token (ends every session)',
    auth: 'none',
    params: z.object({ token: tokenParam }),
    body: BODIES.newPassword,
    answers: {
      200: { description: 'Changed', schema: ANSWERS.PasswordChanged },
      400: 'Invalid or expired token',
      429: 'Rate limited',
    },
  }),
  me: defineRoute({
    method: 'get',
    path: '/api/v1/me',
    tag: 'Accounts',
    summary: 'Who the session token belongs to',
    auth: 'user',
    answers: { 200: { description: 'The user', schema: ANSWERS.Me }, 401: 'No or unknown token' },
  }),
  notifications: defineRoute({
    method: 'get',
    path: '/api/v1/account/notifications',
    tag: 'Accounts',
    summary:
      'Your notification mails, each on or off (a publisher: commission digest, statement issued, payout sent; an advertiser: application received, invoice issued, reports refused)',
    auth: 'user',
    answers: {
      200: { description: 'Your switches', schema: ANSWERS.NotificationSwitches },
      401: 'No session',
    },
  }),
  setNotifications: defineRoute({
    method: 'put',
    path: '/api/v1/account/notifications',
    tag: 'Accounts',
    summary:
      'Switch your notification mails: the kinds listed are on, your role’s others off (as the portal’s account page does)',
    auth: 'user',
    body: BODIES.notificationSwitches,
    answers: {
      200: { description: 'Your switches now', schema: ANSWERS.NotificationSwitches },
      400: 'A kind that is not your role’s, or unknown; nothing changed',
      401: 'No session',
    },
  }),
  directory: defineRoute({
    method: 'get',
    path: '/api/v1/programs',
    tag: 'Programs',
    summary:
      'The program directory: search, filter by category, commission type and country, sort by EPC',
    auth: 'none',
    query: directoryQuerySchema,
    answers: {
      200: { description: 'Programs', schema: ANSWERS.Programs },
      400: 'A filter that is not understood',
    },
  }),
  programTerms: defineRoute({
    method: 'get',
    path: '/api/v1/programs/{programId}/terms',
    tag: 'Programs',
    summary: 'A program’s terms file as JSON (what the engine prices with)',
    auth: 'none',
    params: z.object({ programId: idParam('the program') }),
    answers: {
      200: { description: 'Terms', schema: ANSWERS.ProgramTerms },
      404: 'Unknown program',
    },
  }),
};
