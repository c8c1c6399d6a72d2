import { Kysely, PostgresAdapter } from 'kysely';
import type { Database } from '../schema.js';
import type { Scope } from './scope.js';
import { AdjustmentsRepository } from './adjustments-repository.js';
import { AdsRepository } from './ads-repository.js';
import { AdvertisersRepository } from './advertisers-repository.js';
import { AuditLogRepository } from './audit-log-repository.js';
import { WatermarksRepository } from './cache-versions.js';
import { ClickConversionsRepository } from './click-conversions-repository.js';
import { ClicksRepository } from './clicks-repository.js';
import { CommissionsRepository } from './commissions-repository.js';
import { EnforcementActionsRepository } from './enforcement-actions-repository.js';
import { InvoicesRepository } from './invoices-repository.js';
import { LedgerRepository } from './ledger-repository.js';
import { MembershipsRepository } from './memberships-repository.js';
import { NodeLeasesRepository } from './node-leases-repository.js';
import { OrdersRepository } from './orders-repository.js';
import { PayoutsRepository } from './payouts-repository.js';
import { ProgramsRepository } from './programs-repository.js';
import { ProgramDraftsRepository } from './program-drafts-repository.js';
import { PublishersRepository } from './publishers-repository.js';
import { RateLimitsRepository } from './rate-limits-repository.js';
import { RatesRepository } from './rates-repository.js';
import { SettingsRepository } from './settings-repository.js';
import { StatementsRepository } from './statements-repository.js';
import { RollupsRepository } from './report-rollups.js';
import { ViolationsRepository } from './violations-repository.js';
import { MailingsRepository } from './mailings-repository.js';
import { EnforcementRepository } from './enforcement-repository.js';
import { ClaimsRepository } from './claims-repository.js';
import { UsersRepository } from './users-repository.js';
import { PublisherReadsRepository } from './publisher-reads-repository.js';
import { LinksRepository } from './links-repository.js';
import { TokensRepository } from './tokens-repository.js';
import { SessionsRepository } from './sessions-repository.js';
import { RegistrationBarsRepository } from './registration-bars-repository.js';
import { EmailsRepository } from './emails-repository.js';
import { ApiKeysRepository } from './api-keys-repository.js';
import { EventsRepository } from './events-repository.js';
import { IntegrationReportsRepository } from './integration-reports-repository.js';
import { PromotionsRepository } from './promotions-repository.js';
import { FeedsRepository } from './feeds-repository.js';
import { FeedSourcesRepository } from './feed-sources-repository.js';
import { NotificationsRepository } from './notifications-repository.js';
import { WebhooksRepository } from './webhooks-repository.js';

export type { Scope } from './scope.js';

/**
 * Every repository, bound to one scope: the store, or one transaction of it. The one way a
 * service gets a repository is `repos(store)` or, inside a transaction, `repos(store, trx)`
 * (or `r.transaction(async (t) => …)`); each is made on first use and kept for the scope.
 */
export class Repos {
  #adjustments: AdjustmentsRepository | undefined;
  #ads: AdsRepository | undefined;
  #advertisers: AdvertisersRepository | undefined;
  #audit: AuditLogRepository | undefined;
  #watermarks: WatermarksRepository | undefined;
  #clickConversions: ClickConversionsRepository | undefined;
  #clicks: ClicksRepository | undefined;
  #commissions: CommissionsRepository | undefined;
  #enforcementActions: EnforcementActionsRepository | undefined;
  #invoices: InvoicesRepository | undefined;
  #ledger: LedgerRepository | undefined;
  #memberships: MembershipsRepository | undefined;
  #nodeLeases: NodeLeasesRepository | undefined;
  #orders: OrdersRepository | undefined;
  #payouts: PayoutsRepository | undefined;
  #programs: ProgramsRepository | undefined;
  #programDrafts: ProgramDraftsRepository | undefined;
  #publishers: PublishersRepository | undefined;
  #rateLimits: RateLimitsRepository | undefined;
  #rates: RatesRepository | undefined;
  #settings: SettingsRepository | undefined;
  #statements: StatementsRepository | undefined;
  #rollups: RollupsRepository | undefined;
  #violations: ViolationsRepository | undefined;
  #mailings: MailingsRepository | undefined;
  #enforcement: EnforcementRepository | undefined;
  #claims: ClaimsRepository | undefined;
  #users: UsersRepository | undefined;
  #publisherReads: PublisherReadsRepository | undefined;
  #links: LinksRepository | undefined;
  #tokens: TokensRepository | undefined;
  #sessions: SessionsRepository | undefined;
  #registrationBars: RegistrationBarsRepository | undefined;
  #emails: EmailsRepository | undefined;
  #apiKeys: ApiKeysRepository | undefined;
  #events: EventsRepository | undefined;
  #integrationReports: IntegrationReportsRepository | undefined;
  #promotions: PromotionsRepository | undefined;
  #feeds: FeedsRepository | undefined;
  #feedSources: FeedSourcesRepository | undefined;
  #notifications: NotificationsRepository | undefined;
  #webhooks: WebhooksRepository | undefined;

  constructor(readonly scope: Scope) {}

  /** Runs `work` in one transaction, with repositories bound to it; commits when it resolves. */
  async transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T> {
    await this.scope.beforeTransaction?.();
    return this.scope.db
      .transaction()
      .execute((trx) => work(new Repos({ ...this.scope, db: trx, beforeTransaction: undefined })));
  }

  get adjustments(): AdjustmentsRepository {
    return (this.#adjustments ??= new AdjustmentsRepository(this.scope));
  }
  get ads(): AdsRepository {
    return (this.#ads ??= new AdsRepository(this.scope));
  }
  get advertisers(): AdvertisersRepository {
    return (this.#advertisers ??= new AdvertisersRepository(this.scope));
  }
  get audit(): AuditLogRepository {
    return (this.#audit ??= new AuditLogRepository(this.scope));
  }
  get watermarks(): WatermarksRepository {
    return (this.#watermarks ??= new WatermarksRepository(this.scope));
  }
  get clickConversions(): ClickConversionsRepository {
    return (this.#clickConversions ??= new ClickConversionsRepository(this.scope));
  }
  get clicks(): ClicksRepository {
    return (this.#clicks ??= new ClicksRepository(this.scope));
  }
  get commissions(): CommissionsRepository {
    return (this.#commissions ??= new CommissionsRepository(this.scope));
  }
  get enforcementActions(): EnforcementActionsRepository {
    return (this.#enforcementActions ??= new EnforcementActionsRepository(this.scope));
  }
  get invoices(): InvoicesRepository {
    return (this.#invoices ??= new InvoicesRepository(this.scope));
  }
  get ledger(): LedgerRepository {
    return (this.#ledger ??= new LedgerRepository(this.scope));
  }
  get memberships(): MembershipsRepository {
    return (this.#memberships ??= new MembershipsRepository(this.scope));
  }
  get nodeLeases(): NodeLeasesRepository {
    return (this.#nodeLeases ??= new NodeLeasesRepository(this.scope));
  }
  get orders(): OrdersRepository {
    return (this.#orders ??= new OrdersRepository(this.scope));
  }
  get payouts(): PayoutsRepository {
    return (this.#payouts ??= new PayoutsRepository(this.scope));
  }
  get programs(): ProgramsRepository {
    return (this.#programs ??= new ProgramsRepository(this.scope));
  }
  get programDrafts(): ProgramDraftsRepository {
    return (this.#programDrafts ??= new ProgramDraftsRepository(this.scope));
  }
  get publishers(): PublishersRepository {
    return (this.#publishers ??= new PublishersRepository(this.scope));
  }
  get rateLimits(): RateLimitsRepository {
    return (this.#rateLimits ??= new RateLimitsRepository(this.scope));
  }
  get rates(): RatesRepository {
    return (this.#rates ??= new RatesRepository(this.scope));
  }
  get settings(): SettingsRepository {
    return (this.#settings ??= new SettingsRepository(this.scope));
  }
  get statements(): StatementsRepository {
    return (this.#statements ??= new StatementsRepository(this.scope));
  }
  get rollups(): RollupsRepository {
    return (this.#rollups ??= new RollupsRepository(this.scope));
  }
  get violations(): ViolationsRepository {
    return (this.#violations ??= new ViolationsRepository(this.scope));
  }
  get mailings(): MailingsRepository {
    return (this.#mailings ??= new MailingsRepository(this.scope));
  }
  get enforcement(): EnforcementRepository {
    return (this.#enforcement ??= new EnforcementRepository(this.scope));
  }
  get claims(): ClaimsRepository {
    return (this.#claims ??= new ClaimsRepository(this.scope));
  }
  get users(): UsersRepository {
    return (this.#users ??= new UsersRepository(this.scope));
  }
  get publisherReads(): PublisherReadsRepository {
    return (this.#publisherReads ??= new PublisherReadsRepository(this.scope));
  }
  get links(): LinksRepository {
    return (this.#links ??= new LinksRepository(this.scope));
  }
  get tokens(): TokensRepository {
    return (this.#tokens ??= new TokensRepository(this.scope));
  }
  get sessions(): SessionsRepository {
    return (this.#sessions ??= new SessionsRepository(this.scope));
  }
  get registrationBars(): RegistrationBarsRepository {
    return (this.#registrationBars ??= new RegistrationBarsRepository(this.scope));
  }
  get emails(): EmailsRepository {
    return (this.#emails ??= new EmailsRepository(this.scope));
  }
  get apiKeys(): ApiKeysRepository {
    return (this.#apiKeys ??= new ApiKeysRepository(this.scope));
  }
  get events(): EventsRepository {
    return (this.#events ??= new EventsRepository(this.scope));
  }
  get integrationReports(): IntegrationReportsRepository {
    return (this.#integrationReports ??= new IntegrationReportsRepository(this.scope));
  }
  get promotions(): PromotionsRepository {
    return (this.#promotions ??= new PromotionsRepository(this.scope));
  }
  get feeds(): FeedsRepository {
    return (this.#feeds ??= new FeedsRepository(this.scope));
  }
  get feedSources(): FeedSourcesRepository {
    return (this.#feedSources ??= new FeedSourcesRepository(this.scope));
  }
  get notifications(): NotificationsRepository {
    return (this.#notifications ??= new NotificationsRepository(this.scope));
  }
  get webhooks(): WebhooksRepository {
    return (this.#webhooks ??= new WebhooksRepository(this.scope));
  }
}

/**
 * The repositories of `scope` (a store, or a bare query builder or transaction, whose engine is
 * read from its adapter), or of transaction `trx` of it. Only a store's scope carries the raw
 * handles of the bulk paths (clicks, the order API's SQLite inserts).
 */
export function repos(scope: Scope | Repos | Kysely<Database>, trx?: Kysely<Database>): Repos {
  if (scope instanceof Repos)
    return trx === undefined
      ? scope
      : new Repos({ ...scope.scope, db: trx, beforeTransaction: undefined });
  const base: Scope = scope instanceof Kysely ? { db: scope, dialect: dialectOf(scope) } : scope;
  return new Repos(trx === undefined ? base : { ...base, db: trx, beforeTransaction: undefined });
}

function dialectOf(db: Kysely<Database>): Scope['dialect'] {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
