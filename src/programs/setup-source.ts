import { stringify } from 'yaml';
import type { ProgramSetupInput, TermsDocument } from '../domain/terms/program-setup.js';
import type { TermsFile } from '../domain/terms/terms-schema.js';
import { formSaysAll } from '../domain/terms/program-setup-edit.js';
import { parseProgramTermsOrThrow } from './load-program-terms.js';

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

/**
 * The guided form filled in from a program's terms, when the form says the whole of them (the
 * form wrote them): written back unchanged they are the same file. Undefined for terms with
 * more than the form asks (caps, country groups, documents, …), which are edited in YAML.
 */
export function guidedSetupOf(file: TermsFile): ProgramSetupInput | undefined {
  return formSaysAll(file, (document) => {
    try {
      const terms = parseProgramTermsOrThrow(setupSource(document), 'guided form');
      return JSON.stringify(terms.file) === JSON.stringify(file);
    } catch {
      return false;
    }
  });
}
