import type { Store } from '../storage/database.js';
import { type StoredProgram } from '../storage/repositories/programs-repository.js';
import { readFile } from 'node:fs/promises';
import { resolveProgramPath } from '../programs/load-program-terms.js';
import { TermsCompiler } from '../programs/terms-compiler.js';
import { DEFAULT_NETWORK_FEE_RATE } from '../domain/payments/network-fee.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import { describeIssues, DomainError } from '../domain/errors.js';
import { backdatedVersions, earliestStart } from '../domain/terms/publication.js';
import {
  reviewAfterTermsChange,
  reviewStatusOf,
  screenProgramNames,
} from '../domain/programs/review.js';
import { repos } from '../storage/repositories/repos.js';

/** The names of a program its review screens: from its terms. */
export interface ProgramNames {
  name: string;
  advertiser: string;
  landingUrl: string;
  description: readonly string[];
  brands: readonly string[];
}

/**
 * What of a terms file the review screens: its names, claimed brands and the short public texts
 * the program page shows beside them (description, benefits, accepted methods, the titles of
 * its documents). The documents' own text is not screened: it may quote others' rules.
 */
export function programNamesOf(file: {
  name: string;
  advertiser: string;
  landingUrl: string;
  description: { nl: string; en: string };
  benefits: { nl: readonly string[]; en: readonly string[] };
  acceptedMethods: { nl: string; en: string };
  documents: readonly { title: { nl: string; en: string } }[];
  brands: readonly string[];
}): ProgramNames {
  const both = (text: { nl: string; en: string }) => [text.en, text.nl];
  return {
    name: file.name,
    advertiser: file.advertiser,
    landingUrl: file.landingUrl,
    description: [
      ...both(file.description),
      ...file.benefits.en,
      ...file.benefits.nl,
      ...both(file.acceptedMethods),
      ...file.documents.flatMap((document) => both(document.title)),
    ],
    brands: file.brands,
  };
}

/** What the review screens a program's names against (the network's link cache). */
export interface ProgramScreening {
  /** The brands of the approved programs of every advertiser but this one. */
  brandsOfOthers(advertiserId: string): string[];
  /** A program's names in its current terms, if known. */
  namesOf(programId: string): ProgramNames | undefined;
}

const NO_SCREENING: ProgramScreening = { brandsOfOthers: () => [], namesOf: () => undefined };

export class ProgramTermsError extends DomainError {}

/** Who terms files loaded at start are applied as (program_terms.loaded_by). */
export const STARTUP_ACTOR = 'system';

/**
 * What a terms file loaded at start did: `applied` (created the program or replaced its
 * terms), `unchanged`, or `kept` the terms `changedBy` set since the file was last applied.
 */
export type StartupTerms =
  | { program: StoredProgram; outcome: 'applied' | 'unchanged' }
  | { program: StoredProgram; outcome: 'kept'; changedBy: string | null };

/** What applying a terms file did. */
export interface AppliedTerms {
  program: StoredProgram;
  termsId: string;
  /** False when the file is the program's current terms already. */
  changed: boolean;
  created: boolean;
}

/**
 * A program's terms as files: applying one creates the program (with its advertiser) or makes
 * the file the program's current terms, a new version kept beside the old ones so every stored
 * quote stays explainable; an identical file changes nothing. Schema problems are refused with
 * their line (InvalidTermsError).
 */
export class ProgramTermsService {
  /**
   * `screening`: the brands of other advertisers' approved programs and a program's names now,
   * screened when an advertiser creates or renames a program (none where no advertiser edits
   * terms: the CLI, bootstrap).
   * `defaultNetworkFeeRate`: the network fee a new program starts with (NETWORK_FEE_RATE).
   */
  constructor(
    private readonly store: Store,
    private readonly screening: ProgramScreening = NO_SCREENING,
    private readonly defaultNetworkFeeRate = DEFAULT_NETWORK_FEE_RATE,
    private readonly compiler = new TermsCompiler(),
  ) {}

  /**
   * Applies terms sent for one program (the advertiser's API): the file's id must be the
   * program's slug, so a file of another program never replaces these terms.
   */
  applyTo(
    slug: string,
    source: string,
    options: { actor: string },
    nowMs: number,
  ): Promise<AppliedTerms> {
    return this.#oneAtATime(() => this.#applyTo(slug, source, options, nowMs));
  }

  async #applyTo(
    slug: string,
    source: string,
    options: { actor: string },
    nowMs: number,
  ): Promise<AppliedTerms> {
    const terms = await this.compiler.compileNew(source, `${slug} terms`);
    if (terms.id !== slug)
      throw new ProgramTermsError(
        'terms_mismatch',
        `id: "${terms.id}" is another program's; these are the terms of "${slug}"`,
      );
    const programs = repos(this.store).programs;
    const existing = await programs.findBySlug(slug);
    const previous = existing === undefined ? undefined : this.screening.namesOf(existing.id);
    const applied = await this.#apply(source, `${slug} terms`, options, nowMs);
    if (existing !== undefined && applied.changed) {
      const screen = (file: ProgramNames) =>
        screenProgramNames(
          { ...file, accountName: '' },
          this.screening.brandsOfOthers(existing.advertiser_id),
        );
      const brandMatches = screen(programNamesOf(terms.file));
      const next = reviewAfterTermsChange(
        reviewStatusOf(existing.review_status),
        previous === undefined ? [] : screen(previous),
        brandMatches,
      );
      if (next !== undefined) {
        await programs.setReview(existing.id, { status: next, reason: null, actor: null }, nowMs);
        await repos(this.store).audit.record(
          {
            actor: options.actor,
            action: 'program.review_reopened',
            subjectType: 'program',
            subjectId: existing.id,
            details: {
              before: existing.review_status,
              after: next,
              brandMatches,
            },
          },
          nowMs,
        );
      }
    }
    return applied;
  }

  /** An example terms file to start a new program from (the bundled Dutch webshop). */
  async example(): Promise<string> {
    return readFile(resolveProgramPath('kabelkoning'), 'utf8');
  }

  /** Terms checked and compiled without storing them (the editor's preview of the page). */
  preview(source: string, name: string): Promise<ProgramTerms> {
    return this.compiler.compileNew(source, name);
  }

  /**
   * Creates a program from terms for an advertiser (its console or API): the file's id becomes
   * the program's slug and must be new, so nobody takes over another advertiser's program.
   * `draftId`: the advertiser's draft these terms come from, removed in the same transaction
   * (refused, unknown_draft, when it is not the advertiser's: nothing is created).
   */
  create(
    advertiserId: string,
    source: string,
    options: { actor: string; draftId?: string },
    nowMs: number,
  ): Promise<AppliedTerms> {
    return this.#oneAtATime(() => this.#create(advertiserId, source, options, nowMs));
  }

  async #create(
    advertiserId: string,
    source: string,
    options: { actor: string; draftId?: string },
    nowMs: number,
  ): Promise<AppliedTerms> {
    const terms = await this.compiler.compileNew(source, 'new program terms');
    const programs = repos(this.store).programs;
    if ((await programs.findBySlug(terms.id)) !== undefined)
      throw new ProgramTermsError(
        'program_exists',
        `id: a program "${terms.id}" exists already; choose another id (or, if it is yours, send its terms to PUT /api/v1/programs/{programId}/terms)`,
      );
    // A program an advertiser creates waits for the network's review (docs/compliance.md).
    return this.#store(terms, source, 'new program terms', advertiserId, true, options, nowMs, {
      review: 'in_review',
      brandMatches: screenProgramNames(
        { ...programNamesOf(terms.file), accountName: '' },
        this.screening.brandsOfOthers(advertiserId),
      ),
    });
  }

  apply(
    source: string,
    name: string,
    options: { advertiser?: string | undefined; actor: string },
    nowMs: number,
  ): Promise<AppliedTerms> {
    return this.#oneAtATime(() => this.#apply(source, name, options, nowMs));
  }

  /**
   * Applies a terms file loaded at start (the bundled `programs/`, PROGRAMS_DIR), which must
   * never undo what an advertiser changed since: the file creates a program that does not exist
   * yet, and replaces an existing program's terms only when the file changed since it was last
   * applied (its source was never stored for the program) and the program still runs on terms
   * a start-up file set (nobody edited them since); otherwise the program's terms are kept. A
   * changed file is checked like any terms (never back-dated).
   */
  applyAtStart(source: string, name: string, nowMs: number): Promise<StartupTerms> {
    return this.#oneAtATime(async () => {
      const terms = await this.compiler.compileNew(source, name);
      const programs = repos(this.store).programs;
      const existing = await programs.findBySlug(terms.id);
      if (existing !== undefined) {
        const state = await programs.startFileState(existing.id, source);
        if (state.stored) return { program: existing, outcome: 'unchanged' };
        if (state.currentLoadedBy !== STARTUP_ACTOR)
          return { program: existing, outcome: 'kept', changedBy: state.currentLoadedBy };
      }
      const applied = await this.#apply(source, name, { actor: STARTUP_ACTOR }, nowMs);
      return { program: applied.program, outcome: applied.changed ? 'applied' : 'unchanged' };
    });
  }

  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Terms changes one after the other: each is checked against the terms the one before it
   * stored (no back-dating slips between two at once), and twenty sent together never pile
   * their work onto the request thread at once (clicks keep answering in between).
   */
  #oneAtATime<T>(change: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(change, change);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #apply(
    source: string,
    name: string,
    options: { advertiser?: string | undefined; actor: string },
    nowMs: number,
  ): Promise<AppliedTerms> {
    const terms = await this.compiler.compileNew(source, name);
    const programs = repos(this.store).programs;
    const advertisers = repos(this.store).advertisers;
    const existing = await programs.findBySlug(terms.id);
    let advertiserId = existing?.advertiser_id;
    if (advertiserId !== undefined && options.advertiser !== undefined) {
      const named = await advertisers.findByName(options.advertiser);
      if (named?.id !== advertiserId)
        throw new ProgramTermsError(
          'program_of_another_advertiser',
          `program "${terms.id}" belongs to another advertiser than "${options.advertiser}"`,
        );
    }
    if (existing !== undefined) await this.#refuseBackdating(existing.id, terms, nowMs);
    if (advertiserId === undefined) {
      const advertiserName = options.advertiser ?? terms.file.advertiser;
      advertiserId = (
        (await advertisers.findByName(advertiserName)) ??
        (await advertisers.create({ name: advertiserName }, nowMs))
      ).id;
    }
    return this.#store(terms, source, name, advertiserId, existing === undefined, options, nowMs);
  }

  /** Refuses terms that would change what applied before now (backdatedVersions). */
  async #refuseBackdating(programId: string, terms: ProgramTerms, nowMs: number): Promise<void> {
    const current = await repos(this.store).programs.currentSourceOf(programId);
    if (current === undefined) return;
    const issues = backdatedVersions(
      await this.compiler.compileStored(
        current.id,
        current.source,
        `program ${terms.id} (current terms)`,
      ),
      terms,
      nowMs,
    );
    if (issues.length > 0)
      throw new ProgramTermsError(
        'terms_backdated',
        `${terms.id} terms: ${describeIssues(issues)}`,
        issues,
        earliestStart(nowMs),
      );
  }

  /** Stores the terms as the program's current ones and audits a creation or a change. */
  async #store(
    terms: ProgramTerms,
    source: string,
    name: string,
    advertiserId: string,
    creating: boolean,
    options: { actor: string; draftId?: string },
    nowMs: number,
    review: { review: 'in_review'; brandMatches: unknown[] } | undefined = undefined,
  ): Promise<AppliedTerms> {
    // One transaction: one commit (on SQLite one disk sync on the request thread, not four).
    return repos(this.store).transaction(async (t) => {
      const draftId = options.draftId;
      if (draftId !== undefined && !(await t.programDrafts.remove(advertiserId, draftId)))
        throw new ProgramTermsError('unknown_draft', `no program draft "${draftId}" among yours`);
      const programs = t.programs;
      const result = await programs.upsertFromTerms(
        terms,
        source,
        advertiserId,
        nowMs,
        options.actor,
        {
          creating,
          review: review?.review ?? 'approved',
          networkFeeRate: this.defaultNetworkFeeRate,
        },
      );
      if (result.changed || creating)
        await t.audit.record(
          {
            actor: options.actor,
            action: creating ? 'program.created' : 'program.terms_changed',
            subjectType: 'program',
            subjectId: result.program.id,
            details: {
              termsId: result.termsId,
              file: name,
              ...(creating ? { review: review?.review ?? 'approved' } : {}),
              ...(review !== undefined ? { brandMatches: review.brandMatches } : {}),
            },
          },
          nowMs,
        );
      return { ...result, created: creating };
    });
  }
}
