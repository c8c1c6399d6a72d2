import { readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { LineCounter, parse as parseYaml, parseDocument, YAMLParseError } from 'yaml';
import { compileTermsOrThrow, type ProgramTerms } from '../domain/terms/compile-terms.js';
import { DomainError, InvalidTermsError } from '../domain/errors.js';
import { packageRoot } from '../package-root.js';

/** The `programs/` folder shipped with affnet. */
export const BUNDLED_PROGRAMS_DIR = join(packageRoot(), 'programs');

/** A program id that names no terms file. */
export class UnknownProgramError extends DomainError {
  constructor(id: string, path: string) {
    super(
      'unknown_program',
      `no terms file for program "${id}" (looked for ${path}); pass a program id from programs/ or a path to a .yaml file`,
    );
  }
}

/** Resolves `--program` input: a path (contains a slash or ends in .yaml/.yml) or an id. */
export function resolveProgramPath(idOrPath: string, programsDir = BUNDLED_PROGRAMS_DIR): string {
  const looksLikePath = idOrPath.includes('/') || /\.ya?ml$/i.test(idOrPath);
  return looksLikePath ? resolve(idOrPath) : resolve(programsDir, `${idOrPath}.yaml`);
}

/**
 * Reads, validates and compiles a program's terms file. YAML merge keys (`<<: *previous`)
 * are allowed, so a new version can repeat an older one and change only a rate.
 */
export async function loadProgramTermsOrThrow(
  idOrPath: string,
  programsDir = BUNDLED_PROGRAMS_DIR,
): Promise<ProgramTerms> {
  const path = resolveProgramPath(idOrPath, programsDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UnknownProgramError(idOrPath, path);
    throw error;
  }
  return parseProgramTermsOrThrow(text, path);
}

/** Parses terms from YAML text; `source` names the file in error messages. */
export function parseProgramTermsOrThrow(text: string, source: string): ProgramTerms {
  let raw: unknown;
  try {
    raw = parseYaml(text, { merge: true, uniqueKeys: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0];
      const at = where ? `line ${where.line}, column ${where.col}` : 'YAML';
      throw new InvalidTermsError(source, [
        { path: at, message: error.message.split('\n')[0] ?? error.message },
      ]);
    }
    throw error;
  }
  let terms: ProgramTerms;
  try {
    terms = compileTermsOrThrow(raw, source);
  } catch (error) {
    if (error instanceof InvalidTermsError) throw withLines(error, text, source);
    throw error;
  }
  const fileId = basename(source, extname(source));
  if (/\.ya?ml$/i.test(source) && fileId !== terms.id) {
    throw new InvalidTermsError(source, [
      { path: 'id', message: `"${terms.id}" must match the file name "${fileId}"` },
    ]);
  }
  return terms;
}

/** `versions[0].commission.groups[1].rate` → ['versions', 0, 'commission', 'groups', 1, 'rate']. */
function pathSegments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : m[1]!,
  );
}

/**
 * The refusal with the line of each problem in the YAML text: the line of the value at the
 * issue's path, or of its nearest parent that exists (a missing key is reported where its
 * object starts).
 */
function withLines(error: InvalidTermsError, text: string, source: string): InvalidTermsError {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, merge: true });
  const issues = error.issues.map((issue) => {
    const segments = pathSegments(issue.path);
    for (let length = segments.length; length >= 0; length--) {
      const node = document.getIn(segments.slice(0, length), true) as
        { range?: [number, number, number] } | undefined;
      if (node?.range !== undefined)
        return { ...issue, line: lineCounter.linePos(node.range[0]).line };
    }
    return issue;
  });
  return new InvalidTermsError(source, issues);
}
