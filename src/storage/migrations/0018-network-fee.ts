import type { Kysely } from 'kysely';
import { parse as parseYaml } from 'yaml';
import type { DialectName } from '../database.js';
import { parseNetworkFeeRate } from '../../domain/payments/network-fee.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * The network fee becomes the network's setting per program (programs.network_fee_rate)
 * instead of a field of the advertiser-editable terms: each program keeps the rate its current
 * terms billed with (`invoicing.networkFeeRate`, 0 where they had none, as before).
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('programs')
    .addColumn('network_fee_rate', 'text', (column) => column.notNull().defaultTo('0'))
    .execute();
  const programs = (await db
    .selectFrom('programs')
    .innerJoin('program_terms', 'program_terms.id', 'programs.current_terms_id')
    .select(['programs.id', 'program_terms.source'])
    .execute()) as { id: string; source: string }[];
  for (const program of programs) {
    const rate = networkFeeRateOfTerms(program.source);
    if (rate !== undefined && rate !== '0')
      await db
        .updateTable('programs')
        .set({ network_fee_rate: rate })
        .where('id', '=', program.id)
        .execute();
  }
}

/** The `invoicing.networkFeeRate` a stored terms file carried, if it carried a valid one. */
export function networkFeeRateOfTerms(source: string): string | undefined {
  let file: unknown;
  try {
    file = parseYaml(source, { merge: true });
  } catch {
    return undefined;
  }
  const invoicing = (file as { invoicing?: { networkFeeRate?: unknown } } | null)?.invoicing;
  const rate = invoicing?.networkFeeRate;
  return typeof rate === 'string' ? parseNetworkFeeRate(rate) : undefined;
}
