import {
  Migrator,
  sql,
  type Migration,
  type MigrationProvider,
  type MigrationResult,
} from 'kysely';
import type { Store } from './database.js';
import * as initialSchema from './migrations/0001-initial-schema.js';
import * as moneyOut from './migrations/0002-money-out.js';
import * as portal from './migrations/0003-portal.js';
import * as compliance from './migrations/0004-compliance.js';
import * as adjustments from './migrations/0005-adjustments.js';
import * as integrity from './migrations/0006-integrity.js';
import * as pixelDetails from './migrations/0007-pixel-details.js';
import * as orderPages from './migrations/0008-order-pages.js';
import * as orderPricing from './migrations/0009-order-pricing.js';
import * as reportCovering from './migrations/0010-report-covering-indexes.js';
import * as statementMinimum from './migrations/0011-statement-minimum.js';
import * as statementNumbers from './migrations/0012-statement-numbers.js';
import * as dropOrderPagesIndex from './migrations/0013-drop-order-pages-index.js';
import * as selfBilling from './migrations/0014-self-billing.js';
import * as vatVerification from './migrations/0015-vat-verification.js';
import * as clickConversions from './migrations/0017-click-conversions.js';
import * as networkFee from './migrations/0018-network-fee.js';
import * as programReview from './migrations/0019-program-review.js';
import * as scanCursor from './migrations/0020-scan-cursor.js';
import * as oneFlagPerSubject from './migrations/0022-one-flag-per-subject.js';
import * as defaultAds from './migrations/0023-default-ads.js';
import * as events from './migrations/0024-events.js';
import * as adCreatives from './migrations/0025-ad-creatives.js';
import * as programDrafts from './migrations/0026-program-drafts.js';
import * as integrationReports from './migrations/0027-integration-reports.js';
import * as invoiceDocuments from './migrations/0028-invoice-documents.js';
import * as notifications from './migrations/0029-notifications.js';
import * as suspendedDecision from './migrations/0032-suspended-decision.js';
import * as promotions from './migrations/0033-promotions.js';
import * as webhooks from './migrations/0030-webhooks.js';
import * as feeds from './migrations/0034-feeds.js';
import * as advertiserScopedEnforcement from './migrations/0035-advertiser-scoped-enforcement.js';
import * as feedSources from './migrations/0036-feed-sources.js';
import * as feedImportState from './migrations/0037-feed-import-state.js';
import * as promotionAnnouncements from './migrations/0038-promotion-announcements.js';
import * as promotionCodeHistory from './migrations/0040-promotion-code-history.js';
import * as webhookDeliveriesDueOrder from './migrations/0041-webhook-deliveries-due-order.js';

/** Every migration, in order. Forward-only: a mistake is fixed by a new migration. */
const MIGRATIONS = {
  '0001-initial-schema': initialSchema,
  '0002-money-out': moneyOut,
  '0003-portal': portal,
  '0004-compliance': compliance,
  '0005-adjustments': adjustments,
  '0006-integrity': integrity,
  '0007-pixel-details': pixelDetails,
  '0008-order-pages': orderPages,
  '0009-order-pricing': orderPricing,
  '0010-report-covering-indexes': reportCovering,
  '0011-statement-minimum': statementMinimum,
  '0012-statement-numbers': statementNumbers,
  '0013-drop-order-pages-index': dropOrderPagesIndex,
  '0014-self-billing': selfBilling,
  '0015-vat-verification': vatVerification,
  '0017-click-conversions': clickConversions,
  '0018-network-fee': networkFee,
  '0019-program-review': programReview,
  '0020-scan-cursor': scanCursor,
  '0022-one-flag-per-subject': oneFlagPerSubject,
  '0023-default-ads': defaultAds,
  '0024-events': events,
  '0025-ad-creatives': adCreatives,
  '0026-program-drafts': programDrafts,
  '0027-integration-reports': integrationReports,
  '0028-invoice-documents': invoiceDocuments,
  '0029-notifications': notifications,
  '0030-webhooks': webhooks,
  '0032-suspended-decision': suspendedDecision,
  '0033-promotions': promotions,
  '0034-feeds': feeds,
  '0035-advertiser-scoped-enforcement': advertiserScopedEnforcement,
  '0036-feed-sources': feedSources,
  '0037-feed-import-state': feedImportState,
  '0038-promotion-announcements': promotionAnnouncements,
  '0040-promotion-code-history': promotionCodeHistory,
  '0041-webhook-deliveries-due-order': webhookDeliveriesDueOrder,
};

class CodeMigrationProvider implements MigrationProvider {
  constructor(private readonly store: Store) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const dialect = this.store.dialect;
    return Promise.resolve(
      Object.fromEntries(
        Object.entries(MIGRATIONS).map(([name, migration]) => [
          name,
          { up: (db) => migration.up(db, dialect) },
        ]),
      ),
    );
  }
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Brings the store's schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in any schema; pin them to the connection's own
  // (search_path) so two affnet schemas in one PostgreSQL database never see each other's.
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(store.db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db: store.db,
    provider: new CodeMigrationProvider(store),
    // Work done in parallel lands its numbered migrations out of order now and then; each one
    // only builds on those that landed before it was written, so a database migrated between
    // two landings applies the one it missed next time instead of refusing to start.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result: MigrationResult) => result.status === 'Error');
    // No failed migration means the database itself could not be reached: pass that on as is.
    if (failed === undefined) throw error;
    throw new MigrationError(
      `migration ${failed.migrationName} failed on ${store.location}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
