import { DomainError } from '../domain/errors.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../storage/schema.js';

/** Who a user is on the network: publisher, advertiser or the network admin. */
export type { Role };
import { newId } from '../storage/ids.js';
import { repos, type Repos, type Scope } from '../storage/repositories/repos.js';
import { userView, type UserView } from './user-view.js';

export const SESSION_COOKIE = 'affnet_session';
const SESSION_MS = 14 * 86_400_000;

export interface ActiveSession {
  id: string;
  csrfToken: string;
  user: UserView;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Cookie sessions: the cookie holds a random token, the database only its SHA-256, so a leaked
 * database copy opens no session. Each session has its own CSRF token for the forms it posts.
 */
export class Sessions {
  readonly #repos: Repos;

  constructor(scope: Scope) {
    this.#repos = repos(scope);
  }

  async create(
    userId: string,
    context: { ipHash: string | null; userAgent: string | null },
    nowMs: number,
  ): Promise<{ token: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = nowMs + SESSION_MS;
    await this.#repos.sessions.insert({
      id: newId('session', nowMs),
      user_id: userId,
      token_hash: digest(token),
      csrf_token: randomBytes(24).toString('base64url'),
      created_at: nowMs,
      expires_at: expiresAt,
      ip_hash: context.ipHash,
      user_agent: context.userAgent?.slice(0, 300) ?? null,
    });
    return { token, expiresAt };
  }

  /** The live session of a cookie token and its user, if both are still valid. */
  async find(token: string, nowMs: number): Promise<ActiveSession | undefined> {
    const row = await this.#repos.sessions.findWithUser(digest(token));
    if (row === undefined || row.expires_at <= nowMs || row.status !== 'active') return undefined;
    const { session_id, csrf_token, ...rest } = row;
    return {
      id: session_id,
      csrfToken: csrf_token,
      user: userView({
        id: rest.id,
        email: rest.email,
        password_hash: rest.password_hash,
        role: rest.role,
        status: rest.status,
        name: rest.name,
        locale: rest.locale,
        advertiser_id: rest.advertiser_id,
        publisher_id: rest.publisher_id,
        created_at: rest.created_at,
        activated_at: rest.activated_at,
        must_change_password: rest.must_change_password,
      }),
    };
  }

  async destroy(token: string): Promise<void> {
    await this.#repos.sessions.deleteByTokenHash(digest(token));
  }

  /** Ends every session of a user (after a password change). */
  async destroyAllOf(userId: string): Promise<void> {
    await this.#repos.sessions.deleteOfUser(userId);
  }
}

/** The user still has a generated one-time password. */
export class PasswordChangeRequiredError extends DomainError {}

/** A user with a generated one-time password may do nothing but replace it. */
export function refuseUntilPasswordChanged(session: ActiveSession): void {
  if (session.user.mustChangePassword)
    throw new PasswordChangeRequiredError(
      'password_change_required',
      'set a new password first: the one-time password must be replaced (portal: /account/password; API: POST /api/v1/account/password)',
    );
}
