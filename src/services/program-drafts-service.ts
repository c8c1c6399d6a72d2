import type { Store } from '../storage/database.js';
import { DomainError } from '../domain/errors.js';
import { setupInputSchema, type ProgramSetupInput } from '../domain/terms/program-setup.js';
import type { StoredProgramDraft } from '../storage/repositories/program-drafts-repository.js';
import { repos } from '../storage/repositories/repos.js';
import type { AppliedTerms, ProgramTermsService } from './program-terms-service.js';

/** A draft as its advertiser's console lists it. */
export interface ProgramDraftView {
  id: string;
  slug: string;
  name: string;
  /** Written with the guided form (and edited there), or in YAML. */
  guided: boolean;
  updatedAt: number;
}

/** A draft opened to edit: its terms file, and the guided form as typed when it has one. */
export interface ProgramDraft extends ProgramDraftView {
  source: string;
  setup: ProgramSetupInput | null;
}

/** What an advertiser saves or submits: a terms file, with the form it was written from. */
export interface DraftContent {
  source: string;
  setup: ProgramSetupInput | null;
}

/**
 * New programs saved without publishing (issue 27, item 4). A draft is its advertiser's alone:
 * not listed, not trackable, not a program at all, until the advertiser submits it, which
 * creates the program in the network's review (as creating it at once does) and removes the
 * draft in the same transaction. A draft holds valid terms (checked as any new program's: the
 * network fee is refused) under an id no program has; a draft id of another advertiser is
 * unknown (unknown_draft) and nothing changes.
 */
export class ProgramDraftsService {
  constructor(
    private readonly store: Store,
    private readonly programTerms: ProgramTermsService,
  ) {}

  async list(advertiserId: string): Promise<ProgramDraftView[]> {
    const rows = await repos(this.store).programDrafts.ofAdvertiser(advertiserId);
    return rows.map((row) => viewOf(row));
  }

  async getOrThrow(advertiserId: string, draftId: string): Promise<ProgramDraft> {
    const row = await repos(this.store).programDrafts.find(advertiserId, draftId);
    if (row === undefined) throw unknownDraft(draftId);
    const setup = row.setup === null ? undefined : setupInputSchema.safeParse(safeJson(row.setup));
    return { ...viewOf(row), source: row.source, setup: setup?.success ? setup.data : null };
  }

  /** Saves a new draft (no `draftId`) or replaces one of the advertiser's; returns its id. */
  async save(
    advertiserId: string,
    draftId: string | undefined,
    content: DraftContent,
    actor: string,
    nowMs: number,
  ): Promise<string> {
    const terms = await this.programTerms.preview(content.source, 'program draft');
    const existing = await repos(this.store).programs.findBySlug(terms.id);
    if (existing !== undefined)
      throw new DomainError(
        'program_exists',
        existing.advertiser_id === advertiserId
          ? `id: your program "${terms.id}" exists already: change its terms in its terms editor, or give this draft another id`
          : `id: a program "${terms.id}" exists already; choose another id`,
      );
    const stored = {
      slug: terms.id,
      name: terms.file.name,
      source: content.source,
      setup: content.setup === null ? null : JSON.stringify(content.setup),
    };
    return repos(this.store).transaction(async (t) => {
      let id = draftId;
      if (id === undefined)
        id = (await t.programDrafts.create(advertiserId, stored, actor, nowMs)).id;
      else if (!(await t.programDrafts.update(advertiserId, id, stored, actor, nowMs)))
        throw unknownDraft(id);
      await t.audit.record(
        {
          actor,
          action: draftId === undefined ? 'program_draft.created' : 'program_draft.saved',
          subjectType: 'program_draft',
          subjectId: id,
          details: { slug: terms.id },
        },
        nowMs,
      );
      return id;
    });
  }

  /**
   * Sends the draft (as posted now) to the network's review: the program is created in review
   * and the draft removed, at once; refused, the draft stays as it was.
   */
  async submit(
    advertiserId: string,
    draftId: string,
    content: DraftContent,
    actor: string,
    nowMs: number,
  ): Promise<AppliedTerms> {
    await this.getOrThrow(advertiserId, draftId);
    return this.programTerms.create(advertiserId, content.source, { actor, draftId }, nowMs);
  }

  async remove(advertiserId: string, draftId: string, actor: string, nowMs: number) {
    await repos(this.store).transaction(async (t) => {
      if (!(await t.programDrafts.remove(advertiserId, draftId))) throw unknownDraft(draftId);
      await t.audit.record(
        {
          actor,
          action: 'program_draft.removed',
          subjectType: 'program_draft',
          subjectId: draftId,
          details: {},
        },
        nowMs,
      );
    });
  }
}

function viewOf(row: Pick<StoredProgramDraft, 'id' | 'slug' | 'name' | 'setup' | 'updated_at'>) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    guided: row.setup !== null,
    updatedAt: row.updated_at,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unknownDraft(draftId: string): DomainError {
  return new DomainError('unknown_draft', `no program draft "${draftId}" among yours`);
}
