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

/** The largest terms document accepted, in bytes of UTF-8 (AliExpress's file is 27 KB). */
export const MAX_TERMS_BYTES = 256 * 1024;
/** How many times a YAML document may use an alias (`*v1`, `<<: *v1`), counting expansions. */
export const MAX_TERMS_ALIASES = 100;
/** How deep a terms document sent as JSON may nest (the schema needs fewer than 10 levels). */
export const MAX_TERMS_DEPTH = 64;

/** A terms document over MAX_TERMS_BYTES (refused before it is parsed). */
export class TermsTooLargeError extends DomainError {
  constructor(bytes: number) {
    super(
      'terms_too_large',
      `the terms document is ${bytes} bytes; at most ${MAX_TERMS_BYTES} bytes (256 KiB) are accepted: remove what the program does not use`,
    );
  }
}

/** Refuses a document nested deeper than MAX_TERMS_DEPTH (counted without recursion). */
export function refuseDeepTerms(document: unknown): void {
  const stack: [unknown, number][] = [[document, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_TERMS_DEPTH)
      throw new DomainError(
        'terms_too_deep',
        `the terms document nests deeper than ${MAX_TERMS_DEPTH} levels; a terms file needs fewer than 10`,
      );
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
}

/**
 * Parses terms from YAML text; `source` names the file in error messages. Bounded: at most
 * MAX_TERMS_BYTES of text and MAX_TERMS_ALIASES alias uses, so a document of aliases that
 * expand into millions of nodes (a "billion laughs", merge keys of merge keys) is refused.
 */
export function parseProgramTermsOrThrow(text: string, source: string): ProgramTerms {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TERMS_BYTES) throw new TermsTooLargeError(bytes);
  let raw: unknown;
  try {
    raw = parseYaml(text, { merge: true, uniqueKeys: true, maxAliasCount: MAX_TERMS_ALIASES });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message))
      throw new DomainError(
        'terms_too_complex',
        `${source}: its aliases expand too far (${error.message}): at most ${MAX_TERMS_ALIASES} uses of an alias (*name, <<: *name) are accepted; write the repeated part out`,
      );
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

/**
 * Parses terms sent to become a program's terms (or a draft of them): as
 * parseProgramTermsOrThrow, and refused when they still carry `invoicing.networkFeeRate`, which
 * is the network's setting and never the advertiser's (stored terms that carry it still load,
 * and it is never billed).
 */
export function parseNewProgramTermsOrThrow(text: string, source: string): ProgramTerms {
  const terms = parseProgramTermsOrThrow(text, source);
  if (terms.file.invoicing !== undefined)
    throw new DomainError(
      'network_fee_not_in_terms',
      `${source}: invoicing.networkFeeRate: the network fee is set by the network, not by the terms; remove the invoicing section (the program's fee: GET /api/v1/advertiser/programs/{programId}/network-fee)`,
      [{ path: 'invoicing.networkFeeRate', message: 'the network fee is set by the network' }],
    );
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
