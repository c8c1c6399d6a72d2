import type { ProgramTerms } from '../terms/compile-terms.js';

const DAY_MS = 86_400_000;

/**
 * When a transaction placed at `placedAtMs` must be validated under the program's terms, or
 * null when the program sets no deadline (AliExpress: pending until completion is reported).
 */
export function validationDueAt(terms: ProgramTerms, placedAtMs: number): number | null {
  const days = terms.file.validation.deadlineDays;
  return days === null ? null : placedAtMs + days * DAY_MS;
}

/** What the deadline does to a transaction still pending at it: nothing, approve or decline. */
export function decisionAtDeadline(terms: ProgramTerms): 'approved' | 'declined' | null {
  switch (terms.file.validation.atDeadline) {
    case 'approve':
      return 'approved';
    case 'decline':
      return 'declined';
    case 'none':
      return null;
  }
}
