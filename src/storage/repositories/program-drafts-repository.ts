import type { Kysely, Selectable } from 'kysely';
import type { Database, ProgramDraftsTable } from '../schema.js';
import type { Scope } from './scope.js';
import { newId } from '../ids.js';

export type StoredProgramDraft = Selectable<ProgramDraftsTable>;

/** What a draft holds: its terms file, and the guided form as typed (JSON) when written with it. */
export interface ProgramDraftContent {
  slug: string;
  name: string;
  source: string;
  setup: string | null;
}

/**
 * Program drafts: every read and write names the advertiser, so one advertiser never reads,
 * changes or removes another's draft (a draft id of another advertiser is not found).
 */
export class ProgramDraftsRepository {
  private readonly db: Kysely<Database>;

  constructor(scope: Scope) {
    this.db = scope.db;
  }

  async create(
    advertiserId: string,
    content: ProgramDraftContent,
    actor: string,
    nowMs: number,
  ): Promise<StoredProgramDraft> {
    const row = {
      id: newId('programDraft', nowMs),
      advertiser_id: advertiserId,
      ...content,
      created_at: nowMs,
      updated_at: nowMs,
      updated_by: actor,
    };
    await this.db.insertInto('program_drafts').values(row).execute();
    return row;
  }

  /** Replaces the draft's content; false when the advertiser has no such draft. */
  async update(
    advertiserId: string,
    draftId: string,
    content: ProgramDraftContent,
    actor: string,
    nowMs: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('program_drafts')
      .set({ ...content, updated_at: nowMs, updated_by: actor })
      .where('id', '=', draftId)
      .where('advertiser_id', '=', advertiserId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async find(advertiserId: string, draftId: string): Promise<StoredProgramDraft | undefined> {
    return this.db
      .selectFrom('program_drafts')
      .selectAll()
      .where('id', '=', draftId)
      .where('advertiser_id', '=', advertiserId)
      .executeTakeFirst();
  }

  /** The advertiser's drafts, the last saved first (without their terms). */
  async ofAdvertiser(
    advertiserId: string,
  ): Promise<Pick<StoredProgramDraft, 'id' | 'slug' | 'name' | 'setup' | 'updated_at'>[]> {
    return this.db
      .selectFrom('program_drafts')
      .select(['id', 'slug', 'name', 'setup', 'updated_at'])
      .where('advertiser_id', '=', advertiserId)
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /** Removes the draft; false when the advertiser has no such draft. */
  async remove(advertiserId: string, draftId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('program_drafts')
      .where('id', '=', draftId)
      .where('advertiser_id', '=', advertiserId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
