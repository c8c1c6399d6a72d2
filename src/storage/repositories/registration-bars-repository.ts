import type { Kysely } from 'kysely';
import type { Scope } from './scope.js';
import type { Database } from '../schema.js';

/**
 * Addresses and domains barred from registering again (AE-E1 g): network-wide (no advertiser,
 * the network's own bar) from signing up, or by an advertiser from applying to its programs.
 */
export class RegistrationBarsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  /** Whether this email address or any of these domains is barred from the network. */
  async barsEmailOrDomains(email: string, domains: readonly string[]): Promise<boolean> {
    const bar = await this.db
      .selectFrom('registration_bars')
      .select('id')
      .where('advertiser_id', 'is', null)
      .where((eb) =>
        eb.or([
          eb('email', '=', email),
          ...(domains.length > 0 ? [eb('domain', 'in', domains)] : []),
        ]),
      )
      .executeTakeFirst();
    return bar !== undefined;
  }

  /** Whether this domain is barred from the network. */
  async barsDomain(domain: string): Promise<boolean> {
    const bar = await this.db
      .selectFrom('registration_bars')
      .select('id')
      .where('advertiser_id', 'is', null)
      .where('domain', '=', domain)
      .executeTakeFirst();
    return bar !== undefined;
  }

  /** Whether the advertiser barred any of these addresses or domains from its programs. */
  async barsInAdvertiser(
    advertiserId: string,
    emails: readonly string[],
    domains: readonly string[],
  ): Promise<boolean> {
    if (emails.length === 0 && domains.length === 0) return false;
    const bar = await this.db
      .selectFrom('registration_bars')
      .select('id')
      .where('advertiser_id', '=', advertiserId)
      .where((eb) =>
        eb.or([
          ...(emails.length > 0 ? [eb('email', 'in', emails)] : []),
          ...(domains.length > 0 ? [eb('domain', 'in', domains)] : []),
        ]),
      )
      .executeTakeFirst();
    return bar !== undefined;
  }
}
