import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import { DomainError } from '../domain/errors.js';
import { TermsCompiler } from './terms-compiler.js';
import { repos } from '../storage/repositories/repos.js';

export class UnknownProgramIdError extends DomainError {}

/**
 * The terms of stored programs, compiled once per terms version: a program's current terms
 * (what it runs on now) and the terms an order was recorded under (what it is re-priced and
 * decided by).
 */
export class StoredTerms {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly compiler = new TermsCompiler(),
  ) {}

  async ofProgramOrThrow(programId: string): Promise<ProgramTerms> {
    const row = await repos(this.db).programs.currentTermsWithSlug(programId);
    if (row === undefined)
      throw new UnknownProgramIdError('unknown_program', `no program "${programId}" with terms`);
    return this.#compile(row.id, row.source, row.slug);
  }

  /**
   * The terms an order was recorded under (orders.terms_id): what re-pricing the order and
   * deciding it at its deadline read, never the program's current terms (a later version takes
   * effect only after it is published). Null (orders from before terms were kept): the current.
   */
  async ofOrderOrThrow(order: {
    program_id: string;
    terms_id: string | null;
  }): Promise<ProgramTerms> {
    if (order.terms_id === null) return this.ofProgramOrThrow(order.program_id);
    const compiled = this.compiler.compiledStored(order.terms_id);
    if (compiled !== undefined) return compiled;
    const row = await repos(this.db).programs.termsWithSlug(order.terms_id);
    if (row === undefined)
      throw new UnknownProgramIdError('unknown_terms', `no terms "${order.terms_id}"`);
    return this.#compile(row.id, row.source, row.slug);
  }

  #compile(termsId: string, source: string, slug: string): Promise<ProgramTerms> {
    return this.compiler.compileStored(termsId, source, `program ${slug} (stored terms)`);
  }
}
