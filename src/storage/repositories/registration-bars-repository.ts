import type { Kysely } from 'kysely';
import type { Scope } from './scope.js';
import type { Database } from '../schema.js';

/** Addresses and domains barred from registering again (AE-E1 g). */
export class RegistrationBarsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** Whether this email address or any of these domains is barred. */
  async barsEmailOrDomains(email: string, domains: readonly string[]): Promise<boolean> {
    const bar = await this.db
      .selectFrom('registration_bars')
      .select('id')
      .where((eb) => eb.or([eb('email', '=', email), eb('domain', 'in', domains)]))
      .executeTakeFirst();
    return bar !== undefined;
  }

  /** Whether this domain is barred. */
  async barsDomain(domain: string): Promise<boolean> {
    const bar = await this.db
      .selectFrom('registration_bars')
      .select('id')
      .where('domain', '=', domain)
      .executeTakeFirst();
    return bar !== undefined;
  }
}
