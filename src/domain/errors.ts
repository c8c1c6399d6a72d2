import type { z } from 'zod';
import type { ErrorCode } from './error-codes.js';

/** One problem with an input, at a path such as `items[0].unitPrice`. */
export interface Issue {
  readonly path: string;
  readonly message: string;
  /** The 1-based line of the input the problem is on, when the input is a text file. */
  readonly line?: number;
}

/** Formats a property path as `commission.groups[1].rate`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

export function issuesFromZod(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export function describeIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => {
      const where = issue.line === undefined ? issue.path : `line ${issue.line}: ${issue.path}`;
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * Base of domain errors: a stable code (from the table in error-codes.ts, which gives its HTTP
 * status and words), a message that says what to fix, the issues, and the values a translated
 * message needs (`{ status: 'approved' }`, `{ deadline: 1790000000000 }`).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly Issue[] = [],
    readonly values: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A terms file that does not follow the schema or contradicts itself. */
export class InvalidTermsError extends DomainError {
  constructor(source: string, issues: readonly Issue[]) {
    super('invalid_terms', `${source}: ${describeIssues(issues)}`, issues);
  }
}

/** An order document that cannot be priced as sent. */
export class InvalidOrderError extends DomainError {
  constructor(issues: readonly Issue[]) {
    super('invalid_order', describeIssues(issues), issues);
  }
}
