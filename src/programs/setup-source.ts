import { stringify } from 'yaml';
import type { TermsDocument } from '../domain/terms/program-setup.js';

/**
 * The terms file the guided setup writes: the document as YAML, what the advertiser can go on
 * editing in the terms editor (and what is stored, as any terms file is).
 */
export function setupSource(document: TermsDocument): string {
  return `# Written by the guided program setup; docs/writing-terms.md explains every field.\n${stringify(
    document,
    { lineWidth: 0 },
  )}`;
}
