import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';
import { createAccountsAndPrograms } from './0001-initial-schema/accounts.js';
import { createComplianceAndMoney } from './0001-initial-schema/compliance-and-money.js';
import { createTrackingAndOrders } from './0001-initial-schema/orders.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/** The whole schema of the network as first released (schema.ts describes every column). */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await createAccountsAndPrograms(db);
  await createTrackingAndOrders(db, dialect);
  await createComplianceAndMoney(db, dialect);
}
