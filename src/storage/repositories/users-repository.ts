import type { Scope } from './scope.js';
import type { Kysely, Selectable } from 'kysely';
import type { Database, Role, UsersTable } from '../schema.js';
import { newId } from '../ids.js';

export type User = Selectable<UsersTable>;

export class UsersRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async findByEmail(email: string): Promise<User | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
  }

  /** The single-use token with this hash and purpose (`activate`, `reset`), if any. */
  async findToken(tokenHash: string, purpose: string) {
    return this.db
      .selectFrom('tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
  }

  async anyWithRole(role: Role): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', role)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async create(
    input: {
      email: string;
      passwordHash: string;
      role: Role;
      name: string;
      advertiserId?: string;
      publisherId?: string;
      /** A generated password the user must replace at first login. */
      mustChangePassword?: boolean;
    },
    nowMs: number,
  ): Promise<User> {
    const row: User = {
      id: newId('user', nowMs),
      email: input.email.toLowerCase(),
      password_hash: input.passwordHash,
      role: input.role,
      status: 'active',
      name: input.name,
      locale: 'en',
      advertiser_id: input.advertiserId ?? null,
      publisher_id: input.publisherId ?? null,
      created_at: nowMs,
      activated_at: nowMs,
      must_change_password: input.mustChangePassword ? 1 : 0,
    };
    await this.db
      .insertInto('users')
      .values(row)
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    return (await this.findByEmail(input.email))!;
  }

  async findById(id: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Stores a user as given (a sign-up's pending user). */
  async insert(row: User): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  /** The activation link was used: the user may log in. */
  async activate(id: string, nowMs: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ status: 'active', activated_at: nowMs })
      .where('id', '=', id)
      .execute();
  }

  /** A password the user chose: a generated one-time password no longer has to be replaced. */
  async replacePassword(id: string, passwordHash: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: 0 })
      .where('id', '=', id)
      .execute();
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', id)
      .execute();
  }

  /** The language the user reads pages and email in. */
  async setLocale(id: string, locale: string): Promise<void> {
    await this.db.updateTable('users').set({ locale }).where('id', '=', id).execute();
  }

  /** Who reads a publisher's email: its active users, each with their language. */
  async recipientsOfPublisher(publisherId: string): Promise<Recipient[]> {
    return this.db
      .selectFrom('users')
      .select(['email', 'locale'])
      .where('publisher_id', '=', publisherId)
      .where('status', '=', 'active')
      .execute();
  }

  /** Who reads an advertiser's email: its active users, each with their language. */
  async recipientsOfAdvertiser(advertiserId: string): Promise<Recipient[]> {
    return this.db
      .selectFrom('users')
      .select(['email', 'locale'])
      .where('advertiser_id', '=', advertiserId)
      .where('status', '=', 'active')
      .execute();
  }

  /** The users of the advertiser that runs `programId`. */
  async recipientsOfProgram(programId: string): Promise<Recipient[]> {
    return this.db
      .selectFrom('users')
      .innerJoin('programs', 'programs.advertiser_id', 'users.advertiser_id')
      .select(['users.email', 'users.locale'])
      .where('programs.id', '=', programId)
      .where('users.status', '=', 'active')
      .execute();
  }

  /** The IP hashes the publisher's users logged in from (their sessions with one). */
  async loginIpHashesOfPublisher(publisherId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('sessions.ip_hash')
      .where('users.publisher_id', '=', publisherId)
      .where('sessions.ip_hash', 'is not', null)
      .execute();
    return rows.map((row) => row.ip_hash!);
  }

  /** The email addresses of the publisher's users. */
  async emailsOfPublisher(publisherId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('users')
      .select('email')
      .where('publisher_id', '=', publisherId)
      .execute();
    return rows.map((row) => row.email);
  }
}

/** An email recipient: the address and the language they read (`users.locale`). */
export interface Recipient {
  email: string;
  locale: string;
}
