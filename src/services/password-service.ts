import { composeEmail, localeOf } from '../i18n/email.js';
import { randomBytes } from 'node:crypto';
import type { Store } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { type User } from '../storage/repositories/users-repository.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Mailer } from './mailer.js';
import { AccountError, digest } from './accounts-service.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import { userView, type UserView } from '../auth/user-view.js';

const RESET_MS = 3_600_000;

/**
 * Logins and passwords: checking a login (in constant time whether or not the address has an
 * account), password reset by emailed single-use link (only the newest works), and a signed-in
 * user replacing their password (the generated first one must be).
 */
export class PasswordService {
  #dummyHash: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
  ) {}

  /** The active user with this email and password, or undefined. */
  async login(emailText: string, password: string): Promise<UserView | undefined> {
    const user = await repos(this.store).users.findByEmail(emailText.trim().toLowerCase());
    // Without a user, verify against a throwaway hash anyway, so timing does not tell.
    this.#dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verifyPassword(user?.password_hash ?? (await this.#dummyHash), password);
    if (!ok || user === undefined) return undefined;
    if (user.status !== 'active')
      throw new AccountError(
        'account_not_active',
        user.status === 'pending_activation'
          ? 'this account is not activated yet: open the activation link we emailed you'
          : 'this account is closed',
      );
    return userView(user);
  }

  /** Mails a reset link when the address has an account; says nothing either way. */
  async requestPasswordReset(emailText: string, baseUrl: string, nowMs: number): Promise<void> {
    const user = await repos(this.store).users.findByEmail(emailText.trim().toLowerCase());
    if (user === undefined || user.status !== 'active') return;
    const token = await issuePasswordLink(repos(this.store), user, RESET_MS, nowMs);
    await this.mailer.send(
      {
        to: user.email,
        ...composeEmail(localeOf(user.locale), 'passwordReset', {
          link: `${baseUrl}/password-reset/${token}`,
        }),
      },
      nowMs,
    );
  }

  async resetPassword(token: string, password: string, nowMs: number): Promise<UserView> {
    if (password.length < 10)
      throw new AccountError('invalid_password', 'password: use at least 10 characters');
    const passwordHash = await hashPassword(password);
    return repos(this.store).transaction(async (t) => {
      const row = await t.users.findToken(digest(token), 'reset');
      if (
        row === undefined ||
        row.user_id === null ||
        row.used_at !== null ||
        row.expires_at <= nowMs
      )
        throw new AccountError(
          'invalid_token',
          'this reset link is not valid any more: ask for a new one',
        );
      // Every reset link of this user ends with the first one used (an older mail never works).
      await t.tokens.endUnused(row.user_id, 'reset', nowMs);
      await t.users.replacePassword(row.user_id, passwordHash);
      await t.sessions.deleteOfUser(row.user_id);
      return userView((await t.users.findById(row.user_id))!);
    });
  }

  /**
   * A signed-in user replaces their password (the generated first one must be replaced before
   * anything else). The current password is checked; the user's other sessions end.
   */
  async changePassword(
    userId: string,
    current: string,
    next: string,
    keepSessionId: string,
  ): Promise<void> {
    const user = await repos(this.store).users.findById(userId);
    if (
      user === undefined ||
      user.password_hash === null ||
      !(await verifyPassword(user.password_hash, current))
    )
      throw new AccountError(
        'wrong_password',
        'currentPassword: this is not your current password',
      );
    if (next.length < 10)
      throw new AccountError('invalid_password', 'newPassword: use at least 10 characters');
    if (next === current)
      throw new AccountError(
        'invalid_password',
        'newPassword: choose a password other than the current one',
      );
    const passwordHash = await hashPassword(next);
    await repos(this.store).transaction(async (t) => {
      await t.users.replacePassword(userId, passwordHash);
      await t.sessions.deleteOfUser(userId, keepSessionId);
    });
  }
}

/**
 * A single-use link to choose a password (`/password-reset/<token>`), valid `ttlMs`; only the
 * newest works (earlier ones end now). Password resets and advertiser invitations use it.
 */
export async function issuePasswordLink(
  r: Repos,
  user: Pick<User, 'id' | 'email'>,
  ttlMs: number,
  nowMs: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await r.tokens.endUnused(user.id, 'reset', nowMs);
  await r.tokens.insert({
    id: newId('token', nowMs),
    user_id: user.id,
    email: user.email,
    purpose: 'reset',
    token_hash: digest(token),
    created_at: nowMs,
    expires_at: nowMs + ttlMs,
    used_at: null,
  });
  return token;
}
