import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { ProgramTerms } from '../domain/terms/compile-terms.js';
import { DomainError } from '../domain/errors.js';
import { parseProgramTermsOrThrow } from './load-program-terms.js';

export class UnknownProgramIdError extends DomainError {}

/**
 * The current terms of stored programs, compiled once per terms version: what money-out
 * services (validation deadlines, network fee) read a program's settings from.
 */
export class StoredTerms {
  readonly #compiled = new Map<string, ProgramTerms>();

  constructor(private readonly db: Kysely<Database>) {}

  async ofProgramOrThrow(programId: string): Promise<ProgramTerms> {
    const row = await this.db
      .selectFrom('programs')
      .innerJoin('program_terms', 'program_terms.id', 'programs.current_terms_id')
      .select(['programs.slug', 'program_terms.id', 'program_terms.source'])
      .where('programs.id', '=', programId)
      .executeTakeFirst();
    if (row === undefined)
      throw new UnknownProgramIdError('unknown_program', `no program "${programId}" with terms`);
    let terms = this.#compiled.get(row.id);
    if (terms === undefined) {
      terms = parseProgramTermsOrThrow(row.source, `program ${row.slug} (stored terms)`);
      this.#compiled.set(row.id, terms);
    }
    return terms;
  }
}
