import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */

/**
 * One flag per subject and detector: an order is judged once by each detector (its flags carry
 * `order_id`), a click once by each click detector (`order_id` null, `click_id` set). Two unique
 * indexes make a second judgement a no-op (insert … on conflict do nothing), whoever scans again.
 * Existing duplicates stay on record with status `duplicate` (never open, never counted): of each
 * group the open flag is kept if there is one (it is what holds the order today), else the
 * earliest confirmed one, else the earliest.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const key of ['order', 'click'] as const) {
    const column = key === 'order' ? 'order_id' : 'click_id';
    let groups = db
      .selectFrom('violations')
      .select([column, 'detector'])
      .where(column, 'is not', null)
      .where('status', '<>', 'duplicate')
      .groupBy([column, 'detector'])
      .having((eb) => eb.fn.countAll(), '>', 1);
    if (key === 'click') groups = groups.where('order_id', 'is', null);
    for (const group of (await groups.execute()) as Record<string, unknown>[]) {
      let rows = db
        .selectFrom('violations')
        .select(['id', 'status'])
        .where(column, '=', group[column])
        .where('detector', '=', group.detector)
        .where('status', '<>', 'duplicate');
      if (key === 'click') rows = rows.where('order_id', 'is', null);
      const found = (await rows.orderBy('created_at').orderBy('id').execute()) as {
        id: string;
        status: string;
      }[];
      const kept =
        found.find((row) => row.status === 'open') ??
        found.find((row) => row.status === 'confirmed') ??
        found[0]!;
      await db
        .updateTable('violations')
        .set({ status: 'duplicate' })
        .where(
          'id',
          'in',
          found.filter((row) => row.id !== kept.id).map((row) => row.id),
        )
        .execute();
    }
  }
  await sql`CREATE UNIQUE INDEX violations_order_detector ON violations (order_id, detector) WHERE order_id IS NOT NULL AND status <> 'duplicate'`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX violations_click_detector ON violations (click_id, detector) WHERE order_id IS NULL AND click_id IS NOT NULL AND status <> 'duplicate'`.execute(
    db,
  );
}
