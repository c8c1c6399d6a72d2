import type { StorageConfig } from '../../config/storage-config.js';

/** One order to re-price: its id, publisher and packed pricing inputs. */
export interface PricingInputsRow {
  id: string;
  publisherId: string;
  inputs: string;
}

/** Pages through a program's attributed orders' pricing inputs (`order_pricing`). */
export interface PricingInputsReader {
  page(
    programId: string,
    range: { fromMs: number; toMs: number },
    afterId: string,
    limit: number,
  ): Promise<PricingInputsRow[]>;
  close(): Promise<void>;
}

const SELECT = `SELECT order_id, publisher_id, inputs FROM order_pricing
  WHERE program_id = $1 AND publisher_id IS NOT NULL
    AND placed_at >= $2 AND placed_at < $3 AND order_id > $4
  ORDER BY order_id LIMIT $5`;

/**
 * The what-if simulation's reader, on a connection of its own (it runs in a worker thread):
 * one range of the table per page, rows read as arrays straight from the driver. Loads only
 * the driver it needs, so the worker starts in tens of milliseconds.
 */
export async function openPricingInputsReader(config: StorageConfig): Promise<PricingInputsReader> {
  if (config.kind === 'sqlite') {
    const { default: SqliteDatabase } = await import('better-sqlite3');
    const sqlite = new SqliteDatabase(config.file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    const statement = sqlite.prepare(SELECT.replace(/\$\d/g, '?')).raw(true);
    return {
      page: (programId, range, afterId, limit) =>
        Promise.resolve(
          (
            statement.all(programId, range.fromMs, range.toMs, afterId, limit) as [
              string,
              string,
              string,
            ][]
          ).map(([id, publisherId, inputs]) => ({ id, publisherId, inputs })),
        ),
      close: () => {
        sqlite.close();
        return Promise.resolve();
      },
    };
  }
  const { default: pg } = await import('pg');
  const { configurePgTypes } = await import('../pg-types.js');
  configurePgTypes();
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  return {
    page: async (programId, range, afterId, limit) => {
      const result = await client.query<[string, string, string]>({
        text: SELECT,
        values: [programId, range.fromMs, range.toMs, afterId, limit],
        rowMode: 'array',
      });
      return result.rows.map(([id, publisherId, inputs]) => ({ id, publisherId, inputs }));
    },
    close: () => client.end(),
  };
}
