import { EventDispatcher } from '../services/event-dispatcher.js';
import { PromotionsService } from '../services/promotions-service.js';
import { FeedsService } from '../services/feeds-service.js';
import { FeedSourceService } from '../services/feed-source-service.js';
import { FeedFetcher, type FetcherOptions } from '../feeds/feed-fetcher.js';
import { Notifications } from '../services/notifications.js';
import { WebhooksService } from '../services/webhooks-service.js';
import { WebhookDelivery } from '../services/webhook-delivery.js';
import { webhookListener } from '../services/webhook-listener.js';
import { WebhookSecretBox } from '../services/webhook-secrets.js';
import {
  DEFAULT_SENDER_OPTIONS,
  WebhookSender,
  type SenderOptions,
} from '../services/webhook-sender.js';
import { ProgramReviewService } from '../services/program-review-service.js';
import { createHmac } from 'node:crypto';
import { systemClock } from './clock.js';
import { Registry, Counter, Gauge, Histogram, collectDefaultMetrics } from 'prom-client';
import type { Store } from '../storage/database.js';
import { ClicksRepository } from '../storage/repositories/clicks-repository.js';
import { ClickIdGenerator } from '../storage/click-ids.js';
import { LinkBuilder } from '../services/link-builder.js';
import { AdsService } from '../services/ads-service.js';
import { LinkCache } from '../tracking/link-cache.js';
import { ClickSigner } from '../tracking/click-signature.js';
import { ClickWriter } from '../tracking/click-writer.js';
import { IpHasher } from '../tracking/click-signals.js';
import { ConversionService } from '../services/conversion-service.js';
import { RateCache } from '../services/rate-cache.js';
import { ApiKeys } from '../auth/api-keys.js';
import { linksVersion } from '../storage/repositories/cache-versions.js';
import { rollUpPaced, WatermarkMovedError } from '../services/click-rollup.js';
import type { WriterThread } from '../services/writer-thread.js';
import type { IntegrationsThread } from '../services/integrations-thread.js';
import { StoredTerms } from '../programs/stored-terms.js';
import { TermsCompiler } from '../programs/terms-compiler.js';
import { NetworkFeeService } from '../services/network-fee-service.js';
import { ValidationService } from '../services/validation-service.js';
import { InvoiceService } from '../services/invoice-service.js';
import { queueInvoiceIssued } from '../services/invoice-mail.js';
import { AdvertiserInvoicingService } from '../services/advertiser-invoicing-service.js';
import { Sessions } from '../auth/sessions.js';
import { Mailer, type MailerOptions } from '../services/mailer.js';
import { AccountsService } from '../services/accounts-service.js';
import { PasswordService } from '../services/password-service.js';
import { ApplicationsService } from '../services/applications-service.js';
import { StatementService } from '../services/statement-service.js';
import { PayoutService, type Debtor } from '../services/payout-service.js';
import { PublisherViews } from '../services/publisher-views.js';
import { EnforcementService } from '../services/enforcement-service.js';
import { ClaimsService } from '../services/claims-service.js';
import { ViolationsService } from '../services/violations-service.js';
import { MailingsService } from '../services/mailings-service.js';
import { ComplianceScanner } from '../services/compliance-scanner.js';
import { ComplianceViews } from '../services/compliance-views.js';
import { RateLimiter } from '../services/rate-limiter.js';
import { ReportService } from '../services/report-service.js';
import { AdvertiserViews } from '../services/advertiser-views.js';
import { LEASE_RENEW_MS, NodeLease } from './node-lease.js';
import { Scheduler } from './scheduler.js';
import { openJobLocks, type JobLocks } from '../storage/job-locks.js';
import { ProgramDirectoryService } from '../services/program-directory-service.js';
import { PayoutSettingsService } from '../services/payout-settings-service.js';
import { InvoicingDetailsService } from '../services/invoicing-details-service.js';
import { PublisherStandingService } from '../services/publisher-standing-service.js';
import { EcbRatesService } from '../services/ecb-rates-service.js';
import { PixelChecksumService } from '../services/pixel-checksum-service.js';
import { ProgramDraftsService } from '../services/program-drafts-service.js';
import { IntegrationStatusService } from '../services/integration-status-service.js';
import { TestClicks } from '../tracking/test-clicks.js';
import { ProgramTermsService } from '../services/program-terms-service.js';
import { AdvertiserInvitesService } from '../services/advertiser-invites-service.js';
import {
  TermsSimulationService,
  type SimulationLimits,
} from '../services/terms-simulation-service.js';
import { DEFAULT_ECB_BASE_URL } from '../fx/ecb-files.js';
import { repos } from '../storage/repositories/repos.js';

/** Where background failures are reported: the app's logger once it exists. */
export interface BackgroundLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface NetworkOptions {
  secret: string;
  maxBatch: number;
  /**
   * 0–31: keeps click ids of processes sharing one database apart. Unset, the process leases a
   * free number from the database on start (NODE_ID sets it by hand).
   */
  node?: number | undefined;
  now?: () => number;
  /** Email: SMTP when `smtpUrl` is set, else the outbox. */
  mail?: MailerOptions;
  /** The base of links in email (PUBLIC_URL); unset, taken from each request. */
  publicUrl?: string | undefined;
  /** The account payout runs pay from (PAYOUT_DEBTOR_*); advertisers pay invoices into it. */
  payoutDebtor?: Debtor | undefined;
  /** Days an advertiser has to pay an invoice (INVOICE_PAYMENT_DAYS; default 30). */
  invoicePaymentDays?: number | undefined;
  /**
   * False: terms documents are parsed on the calling thread (default: on a thread of their own
   * when the build is there, so parsing never delays a click).
   */
  termsThread?: boolean;
  /** Simulations at once: in the whole network and per advertiser (default 2 and 1). */
  simulations?: SimulationLimits;
  /** The network fee a new program starts with (NETWORK_FEE_RATE); unset, the default. */
  networkFeeRate?: string | undefined;
  /** The ECB's rate files: where from (ECB_BASE_URL) and whether to fetch them daily. */
  ecb?: { baseUrl: string; fetchDaily: boolean; fetch?: typeof fetch } | undefined;
  /** Webhooks and postbacks: WEBHOOKS_ALLOW_PRIVATE, WEBHOOKS_ALLOW_HTTP, a test's resolver. */
  webhooks?: Partial<SenderOptions> | undefined;
  /**
   * A feed upload larger than this many bytes (Content-Length) is received whole, answered
   * 202 and imported after (default 20 MB).
   */
  feedImportBackgroundBytes?: number | undefined;
  /** Scheduled feed URLs: fetches at once per node (default 4) and the fetcher's limits (tests). */
  feedSources?:
    | {
        slots?: number;
        fetcher?: Pick<
          FetcherOptions,
          'minBytesPerSecond' | 'slowAfterMs' | 'timeoutMs' | 'totalMs'
        >;
      }
    | undefined;
}

export interface Metrics {
  registry: Registry;
  clicks: Counter<'attributable'>;
  clicksLost: Counter;
  backgroundFailures: Counter<'job'>;
  clickBatchSize: Histogram;
  clickCommitSeconds: Histogram;
  conversions: Counter<'channel' | 'outcome' | 'attribution'>;
  pixelRefused: Counter<'reason'>;
  rollupFailures: Counter<'reason'>;
  deadlineDecisions: Counter<'decision'>;
  complianceFailures: Counter;
  fxLatestRateDate: Gauge;
}

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    clicks: new Counter({
      name: 'affnet_clicks_total',
      help: 'Clicks recorded',
      labelNames: ['attributable'],
      registers: [registry],
    }),
    clicksLost: new Counter({
      name: 'affnet_clicks_lost_total',
      help: 'Clicks whose visitor was redirected but that could not be stored (database unavailable)',
      registers: [registry],
    }),
    backgroundFailures: new Counter({
      name: 'affnet_background_failures_total',
      help: 'Background job runs that failed (the next run retries); each is logged',
      labelNames: ['job'],
      registers: [registry],
    }),
    clickBatchSize: new Histogram({
      name: 'affnet_click_batch_size',
      help: 'Clicks per group commit',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000],
      registers: [registry],
    }),
    clickCommitSeconds: new Histogram({
      name: 'affnet_click_commit_seconds',
      help: 'Duration of one group commit',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1],
      registers: [registry],
    }),
    conversions: new Counter({
      name: 'affnet_conversions_total',
      help: 'Order reports',
      labelNames: ['channel', 'outcome', 'attribution'],
      registers: [registry],
    }),
    pixelRefused: new Counter({
      name: 'affnet_pixel_reports_refused_total',
      help: 'Pixel reports refused, by reason (checksum_mismatch and lead_unverified are stored and never paid; report_refused: a differing report of an existing order, nothing changed; the rest store nothing)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    fxLatestRateDate: new Gauge({
      name: 'affnet_fx_latest_rate_date_seconds',
      help: 'The date of the latest stored ECB reference rate (epoch seconds of its UTC midnight)',
      registers: [registry],
    }),
    rollupFailures: new Counter({
      name: 'affnet_click_rollup_failures_total',
      help: 'Click rollup runs that did not commit (conflict: another process counted first)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    complianceFailures: new Counter({
      name: 'affnet_compliance_scan_failures_total',
      help: 'Compliance scan runs that did not commit (the next run retries)',
      registers: [registry],
    }),
    deadlineDecisions: new Counter({
      name: 'affnet_validation_deadline_decisions_total',
      help: 'Pending transactions decided by their program deadline rule (error: a run failed)',
      labelNames: ['decision'],
      registers: [registry],
    }),
  };
}

/** Everything one affnet process serves with, wired once (no module-level singletons). */
export class Network {
  readonly cache: LinkCache;
  readonly signer: ClickSigner;
  readonly ipHasher: IpHasher;
  /** The portal's key for its one-request flash cookie (encrypted and authenticated). */
  readonly flashKey: Buffer;
  readonly clickIds: ClickIdGenerator;
  readonly writer: ClickWriter;
  readonly clicks: ClicksRepository;
  readonly rates: RateCache;
  readonly ecbRates: EcbRatesService;
  readonly pixelChecksums: PixelChecksumService;
  /** What reached the network per program, for its tracking page (seen, refused, tests). */
  readonly integration: IntegrationStatusService;
  /** Test click ids: orders reported with one are tests, never orders (tracking page). */
  readonly testClicks: TestClicks;
  readonly programTerms: ProgramTermsService;
  readonly programDrafts: ProgramDraftsService;
  /** Parses and compiles terms documents, on a thread of its own when built. */
  readonly termsCompiler: TermsCompiler;
  readonly networkFees: NetworkFeeService;
  /** Publishers' network-wide status: the network admin's alone. */
  readonly publisherStanding: PublisherStandingService;
  readonly advertiserInvites: AdvertiserInvitesService;
  readonly simulations: TermsSimulationService;
  readonly directory: ProgramDirectoryService;
  readonly payoutSettings: PayoutSettingsService;
  readonly invoicingDetails: InvoicingDetailsService;
  readonly advertiserInvoicing: AdvertiserInvoicingService;
  readonly conversions: ConversionService;
  readonly apiKeys: ApiKeys;
  readonly terms: StoredTerms;
  readonly validation: ValidationService;
  readonly invoices: InvoiceService;
  readonly statements: StatementService;
  readonly sessions: Sessions;
  readonly mailer: Mailer;
  readonly accounts: AccountsService;
  readonly passwords: PasswordService;
  readonly applications: ApplicationsService;
  readonly publicUrl: string | undefined;
  readonly payoutDebtor: Debtor | undefined;
  readonly payouts: PayoutService;
  readonly publisherViews: PublisherViews;
  /** Tracking links for a publisher's approved sites (the portal's link builder, the API). */
  readonly links: LinkBuilder;
  /** Programs' ads (text links, banners): created and retired by their advertisers. */
  readonly ads: AdsService;
  readonly enforcement: EnforcementService;
  readonly claims: ClaimsService;
  readonly violations: ViolationsService;
  readonly mailings: MailingsService;
  readonly scanner: ComplianceScanner;
  readonly complianceViews: ComplianceViews;
  readonly metrics: Metrics;
  readonly rateLimiter: RateLimiter;
  readonly reports: ReportService;
  readonly advertiserViews: AdvertiserViews;
  readonly programReviews: ProgramReviewService;
  /** The event outbox's dispatcher: webhooks, postbacks and notifications listen to it. */
  readonly events: EventDispatcher;
  readonly promotions: PromotionsService;
  readonly feeds: FeedsService;
  /** Programs' feed URLs, fetched on their schedules by the `feed_sources` job. */
  readonly feedSources: FeedSourceService;
  /** Feed uploads larger than this (bytes) are imported after a 202. */
  readonly feedImportBackgroundBytes: number;
  /** Notification mails (an event listener, the daily digest) and each user's switches. */
  readonly notifications: Notifications;
  /** Webhook endpoints and postbacks (issue 28), and the job that sends their deliveries. */
  readonly webhooks: WebhooksService;
  readonly webhookDelivery: WebhookDelivery;
  readonly now: () => number;

  constructor(
    readonly store: Store,
    options: NetworkOptions,
  ) {
    this.now = options.now ?? systemClock;
    this.#fetchEcbDaily = options.ecb?.fetchDaily ?? false;
    this.metrics = createMetrics();
    this.#jobLocks = openJobLocks(store);
    this.#scheduler = new Scheduler(
      () => this.#log,
      (job) => this.metrics.backgroundFailures.inc({ job }),
      this.#jobLocks,
    );
    this.termsCompiler = new TermsCompiler();
    if (options.termsThread !== false) this.termsCompiler.useThread();
    this.cache = new LinkCache(store, this.now, this.termsCompiler);
    this.signer = new ClickSigner(options.secret);
    this.ipHasher = new IpHasher(options.secret);
    this.flashKey = createHmac('sha256', 'affnet portal flash').update(options.secret).digest();
    this.clickIds = new ClickIdGenerator(options.node ?? 0);
    this.#lease =
      options.node === undefined
        ? new NodeLease(repos(store).nodeLeases, this.clickIds, this.now)
        : undefined;
    // A broken pooled connection is dropped and replaced; say so in the log.
    store.pool?.on('error', (error) => this.#log.warn({ err: error }, 'database connection lost'));
    this.clicks = repos(store).clicks;
    this.writer = new ClickWriter(this.clicks, options.maxBatch, this.signer, (size, seconds) => {
      this.metrics.clickBatchSize.observe(size);
      this.metrics.clickCommitSeconds.observe(seconds);
    });
    this.rates = new RateCache(store);
    this.terms = new StoredTerms(store.db, this.termsCompiler);
    this.integration = new IntegrationStatusService(store);
    this.testClicks = new TestClicks(options.secret);
    this.conversions = new ConversionService(
      store,
      this.cache,
      this.signer,
      this.rates,
      this.terms,
      {
        verify: (tduid, programId) => this.testClicks.verify(tduid, programId),
        record: (programId, channel, quote, nowMs) =>
          this.integration.recordTest(programId, channel, quote, nowMs),
      },
    );
    this.pixelChecksums = new PixelChecksumService(store);
    this.events = new EventDispatcher(store);
    this.programReviews = new ProgramReviewService(store, this.cache, () => this.mailer);
    this.programTerms = new ProgramTermsService(
      store,
      this.programReviews,
      options.networkFeeRate,
      this.termsCompiler,
    );
    this.programDrafts = new ProgramDraftsService(store, this.programTerms);
    this.networkFees = new NetworkFeeService(store);
    this.publisherStanding = new PublisherStandingService(store);
    this.simulations = new TermsSimulationService(store, this.termsCompiler, options.simulations);
    this.directory = new ProgramDirectoryService(store, this.cache);
    this.payoutSettings = new PayoutSettingsService(store);
    this.invoicingDetails = new InvoicingDetailsService(store);
    this.advertiserInvoicing = new AdvertiserInvoicingService(store);
    this.ecbRates = new EcbRatesService(store, this.rates, this.conversions, {
      baseUrl: options.ecb?.baseUrl ?? DEFAULT_ECB_BASE_URL,
      ...(options.ecb?.fetch ? { fetch: options.ecb.fetch } : {}),
      latestGauge: this.metrics.fxLatestRateDate,
    });
    this.apiKeys = new ApiKeys(store);
    this.validation = new ValidationService(store, this.terms);
    this.invoices = new InvoiceService(store, this.terms, {
      payee: () => this.payoutDebtor,
      paymentDays: options.invoicePaymentDays,
      queueMail: (t, invoice, nowMs) =>
        queueInvoiceIssued(t, this.mailer, invoice, this.publicUrl, nowMs),
    });
    this.statements = new StatementService(store);
    this.sessions = new Sessions(store);
    this.mailer = new Mailer(store, options.mail ?? { from: 'affnet <no-reply@affnet.local>' });
    this.advertiserInvites = new AdvertiserInvitesService(store, this.mailer);
    this.accounts = new AccountsService(store, this.mailer, () => this.allBrands());
    this.passwords = new PasswordService(store, this.mailer);
    this.applications = new ApplicationsService(store, this.terms, this.mailer);
    this.publicUrl = options.publicUrl;
    this.payoutDebtor = options.payoutDebtor;
    this.payouts = new PayoutService(store);
    this.publisherViews = new PublisherViews(store, (id) => this.cache.program(id)?.terms);
    this.ads = new AdsService(store, this.cache);
    this.links = new LinkBuilder(store, this.cache, this.ads);
    this.promotions = new PromotionsService(store, this.cache, this.links);
    this.feeds = new FeedsService(store, this.cache, this.links);
    this.feedImportBackgroundBytes = options.feedImportBackgroundBytes ?? 20_000_000;
    this.enforcement = new EnforcementService(store, this.terms, this.mailer);
    this.claims = new ClaimsService(store, this.terms, this.mailer, this.enforcement);
    this.violations = new ViolationsService(store, this.terms);
    this.mailings = new MailingsService(store, this.mailer);
    this.scanner = new ComplianceScanner(store, this.terms);
    this.complianceViews = new ComplianceViews(store);
    this.rateLimiter = new RateLimiter(store);
    this.reports = new ReportService(store);
    this.advertiserViews = new AdvertiserViews(store);
    this.notifications = new Notifications(store, this.mailer, () => this.publicUrl);
    this.events.listen(this.notifications.listener);
    const sender = new WebhookSender({
      ...DEFAULT_SENDER_OPTIONS,
      publicUrl: options.publicUrl,
      ...options.webhooks,
    });
    this.feedSources = new FeedSourceService(
      store,
      this.cache,
      this.feeds,
      new FeedFetcher({
        addresses: (url) => sender.checkedAddresses(url),
        allowHttp: options.webhooks?.allowHttp ?? false,
        ...options.feedSources?.fetcher,
      }),
      this.mailer,
      () => this.publicUrl,
      this.now,
      options.feedSources?.slots,
      (error) => this.#scheduler.failed('feed_sources', error),
    );
    const secretBox = new WebhookSecretBox(options.secret);
    this.webhookDelivery = new WebhookDelivery(store, sender, secretBox, this.mailer, this.now);
    this.webhooks = new WebhooksService(
      store,
      secretBox,
      sender,
      this.webhookDelivery,
      options.webhooks?.allowHttp ?? false,
      this.rateLimiter,
    );
    this.events.listen(
      webhookListener(
        (programId, eventId) =>
          (eventId === undefined
            ? undefined
            : this.cache.program(programId)?.terms.events.get(eventId)?.kind) ?? 'sale',
        (clickId) => this.signer.sign(clickId),
      ),
    );
  }

  /**
   * Every brand an approved program protects (AE-P5), for screening at sign-up: a program in
   * the network's review (or refused) protects nothing yet.
   */
  async allBrands(): Promise<string[]> {
    const brands = new Set<string>();
    for (const program of this.cache.programs())
      if (program.review === 'approved')
        for (const brand of program.terms.file.brands) brands.add(brand);
    return [...brands];
  }

  readonly #lease: NodeLease | undefined;
  readonly #fetchEcbDaily: boolean;
  #log: BackgroundLog = { warn: () => undefined, error: () => undefined };

  /** Reports background failures (jobs, lost connections) to `log` from now on. */
  useLog(log: BackgroundLog): void {
    this.#log = log;
  }

  /** The node number this process makes click ids with. */
  get node(): number {
    return this.clickIds.node;
  }

  #version = -1;
  /** The minute (ms / 60,000) the claim reminders last ran in. */
  #remindedMinute: number | undefined;
  /** Set by close(): the rollup and the scan stop after the chunk they are in. */
  #closing = false;
  readonly #jobLocks: JobLocks;
  /** The one guard against a job running twice, here or on another node (scheduler.ts). */
  readonly #scheduler: Scheduler;

  /**
   * Leases this process's node number, loads the link cache, then schedules the background
   * jobs: link cache polling (so changes anywhere show up here), the click rollup, compliance
   * scans, validation deadlines and the lease's renewal.
   */
  async start(pollMs = 250): Promise<void> {
    if (this.#lease !== undefined) {
      const lease = this.#lease;
      await lease.acquire();
      this.#scheduler.every(
        'node_lease',
        LEASE_RENEW_MS,
        async () => {
          const before = this.clickIds.node;
          const node = await lease.renew();
          if (node !== before)
            this.#log.warn({ before, node }, 'node number lease lost and replaced');
        },
        'process',
      );
    }
    await this.refreshIfChanged();
    // Each process polls its own link cache; the other jobs run once in the whole network.
    this.#scheduler.every('link_cache', pollMs, () => this.refreshIfChanged(), 'process');
    this.#scheduler.every('click_rollup', 1000, () => this.#rollUp());
    this.#scheduler.every('integration_reports', 2000, () => this.integration.flush(), 'process');
    this.#scheduler.every('validation_deadlines', 60_000, () => this.#applyValidationDeadlines());
    this.#scheduler.every('compliance', 5_000, () => this.#runCompliance());
    // Where the integrations thread runs (affnet serve on SQLite), it dispatches and delivers:
    // this job only wakes it when there is work (it ends when idle).
    this.#scheduler.every('events', 1_000, async () => {
      if (!this.#integrations?.running) return this.events.dispatch(this.now());
      await this.#wakeIntegrations(this.#integrations);
      return 0;
    });
    // The outbox's dispatched events, and the finished deliveries' log, past their 30 days.
    this.#scheduler.every('events_prune', 3_600_000, async () => {
      await this.events.prune(this.now());
      await this.webhookDelivery.prune(this.now());
    });
    this.#scheduler.every('mail', 5_000, () => this.mailer.deliverQueued(this.now()));
    this.#scheduler.every('commission_digest', 600_000, () =>
      this.notifications.digest.send(this.now()),
    );
    this.#scheduler.every('refusal_alerts', 60_000, () =>
      this.notifications.refusalAlerts.run(this.now()),
    );
    this.#scheduler.every('webhooks', 1_000, () =>
      this.#integrations?.running ? Promise.resolve(0) : this.webhookDelivery.run(),
    );
    // The job claims due sources into free slots and returns; the fetches go on (and take the
    // next due source as they end), so a slow feed never holds the job, nor another node's.
    this.#scheduler.every('feed_sources', 60_000, () => this.feedSources.start(this.now()));
    // Scheduled promotions are announced (promotion.created) within seconds of their start.
    this.#scheduler.every('promotion_announcements', 10_000, () =>
      this.promotions.announceStarted(this.now()),
    );
    await this.ecbRates.recordLatest();
    if (this.#fetchEcbDaily) {
      // Now and every 15 minutes: once the ECB has published, today's rates are fetched; a
      // failed fetch is logged and counted, and the next run retries.
      const fetchRates = async () => {
        const now = this.now();
        if (await this.ecbRates.due(now))
          await this.ecbRates.fetchAndStore('daily', 'system:ecb-fetch', now);
      };
      void this.#scheduler.runOnce('ecb_rates', fetchRates);
      this.#scheduler.every('ecb_rates', 15 * 60_000, fetchRates);
    }
  }

  /** Hands the outbox's new events to their listeners now (one run at a time in the network). */
  async dispatchEvents(): Promise<number> {
    return (await this.#scheduler.runOnce('events', () => this.events.dispatch(this.now()))) ?? 0;
  }

  /** Mails each finished day's commission digests now (one run at a time in the network). */
  async sendCommissionDigests(): Promise<number> {
    return (
      (await this.#scheduler.runOnce('commission_digest', () =>
        this.notifications.digest.send(this.now()),
      )) ?? 0
    );
  }

  /** Alerts advertisers of programs whose reports are being refused, now (one run at a time). */
  async alertRefusals(): Promise<number> {
    await this.integration.flush();
    return (
      (await this.#scheduler.runOnce('refusal_alerts', () =>
        this.notifications.refusalAlerts.run(this.now()),
      )) ?? 0
    );
  }

  /** Sends the mails waiting in the outbox now (one run at a time in the network). */
  async deliverMail(): Promise<number> {
    return (
      (await this.#scheduler.runOnce('mail', () => this.mailer.deliverQueued(this.now()))) ?? 0
    );
  }

  /**
   * Announces the promotions whose start has come (`promotion.created`), now (one run at a
   * time in the network): how many.
   */
  async announcePromotions(): Promise<number> {
    return (
      (await this.#scheduler.runOnce('promotion_announcements', () =>
        this.promotions.announceStarted(this.now()),
      )) ?? 0
    );
  }

  /** Sends the webhook and postback deliveries due now (one run at a time in the network). */
  async deliverWebhooks(): Promise<number> {
    return (await this.#scheduler.runOnce('webhooks', () => this.webhookDelivery.run())) ?? 0;
  }

  /** Fetches the feed URLs due now (one run at a time in the network): how many were fetched. */
  async fetchFeeds(): Promise<number> {
    return (
      (await this.#scheduler.runOnce('feed_sources', () => this.feedSources.run(this.now()))) ?? 0
    );
  }

  /**
   * Runs the traffic-policy detectors over new clicks and orders, and once a minute the claim
   * reminders (one run at a time in the network: skipped while one runs; failures are counted
   * in /metrics).
   */
  async runCompliance(): Promise<void> {
    await this.#scheduler.runOnce('compliance', () => this.#runCompliance());
  }

  async #runCompliance(): Promise<void> {
    try {
      const now = this.now();
      const thread = this.#thread;
      if (thread?.running) await thread.scan(now);
      else await this.scanner.scan(now, { stop: () => this.#closing });
      // Once in each minute, on its first run whenever that falls (a late tick skips nothing).
      const minute = Math.floor(now / 60_000);
      if (minute !== this.#remindedMinute) {
        await this.enforcement.remindClaimWindows(now);
        await this.claims.remindDecisions(now);
        this.#remindedMinute = minute;
      }
    } catch (error) {
      this.metrics.complianceFailures.inc();
      this.#scheduler.failed('compliance', error);
    }
  }

  /**
   * Decides pending transactions past their program's validation deadline (once a minute; one
   * run at a time in the network).
   */
  async applyValidationDeadlines(): Promise<void> {
    await this.#scheduler.runOnce('validation_deadlines', () => this.#applyValidationDeadlines());
  }

  async #applyValidationDeadlines(): Promise<void> {
    try {
      const { approved, declined } = await this.validation.applyDeadlines(this.now());
      this.metrics.deadlineDecisions.inc({ decision: 'approved' }, approved);
      this.metrics.deadlineDecisions.inc({ decision: 'declined' }, declined);
    } catch (error) {
      this.metrics.deadlineDecisions.inc({ decision: 'error' });
      this.#scheduler.failed('validation_deadlines', error);
    }
  }

  /**
   * Counts settled clicks into the hourly reports (one run at a time in the network: 0 when
   * skipped).
   */
  async rollUp(lagMs?: number): Promise<number> {
    return (await this.#scheduler.runOnce('click_rollup', () => this.#rollUp(lagMs))) ?? 0;
  }

  async #rollUp(lagMs?: number): Promise<number> {
    try {
      const now = this.now();
      const thread = this.#thread;
      return thread?.running
        ? await thread.rollUp(now, lagMs)
        : await rollUpPaced(this.store, now, lagMs, () => this.#closing);
    } catch (error) {
      // The next run catches up; a failure other than a conflict shows in /metrics, not silence.
      const conflict = error instanceof WatermarkMovedError;
      this.metrics.rollupFailures.inc({ reason: conflict ? 'conflict' : 'error' });
      if (!conflict) this.#scheduler.failed('click_rollup', error);
      return 0;
    }
  }

  /** Reloads the link cache when another process (or this one) bumped the links version. */
  async refreshIfChanged(): Promise<void> {
    const version = await linksVersion(this.store.db);
    if (version === this.#version) return;
    await this.cache.invalidate();
    this.#version = version;
  }

  #thread: WriterThread | undefined;

  /**
   * From now on the writer thread (`affnet serve` on SQLite) writes the clicks and new order
   * reports and runs the click rollup and the compliance scan, on its own connection; this
   * thread keeps the reads, the rest of the writes and the jobs' schedule. Should the thread
   * end, all of it happens here again.
   */
  useWriterThread(thread: WriterThread): void {
    this.#thread = thread;
    this.writer.useThread(thread);
    this.conversions.useWriterThread(thread);
  }

  #integrations: IntegrationsThread | undefined;

  /**
   * From now on the integrations thread (`affnet serve` on SQLite) runs the event dispatch and
   * the webhook delivery jobs; their scheduled runs here only wake it when there is work, and
   * take over should it fail.
   */
  useIntegrationsThread(thread: IntegrationsThread): void {
    this.#integrations = thread;
  }

  /** Starts the integrations thread when an event waits or a delivery is due. */
  async #wakeIntegrations(thread: IntegrationsThread): Promise<void> {
    if (thread.active) return;
    const r = repos(this.store);
    if ((await r.events.anyUndispatched()) || (await r.webhooks.anyDue(this.now())))
      await thread.wake();
  }

  /** Flushes clicks in flight, then closes the store. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#scheduler.stop();
    this.webhookDelivery.stop();
    this.#thread?.closing();
    // A rollup or scan in the middle of its chunks ends after the current one, and the other
    // jobs' runs end, before the store closes under them.
    await this.#scheduler.idle(5_000);
    await this.feedSources.close();
    await this.#jobLocks.close();
    await this.feeds.close();
    await this.writer.drain();
    await this.integration.flush().catch(() => undefined);
    await this.#lease?.release().catch(() => undefined);
    this.mailer.close();
    await this.termsCompiler.close();
    await this.store.close();
  }
}
