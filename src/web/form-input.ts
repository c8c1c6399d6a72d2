import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeIssues, DomainError, issuesFromZod } from '../domain/errors.js';
import { HttpError } from '../http/http-errors.js';

/**
 * Form bodies and query strings as the schemas (the API's, where a form does what an API
 * operation does) expect them. A browser sends every field as text: a checkbox is absent when
 * unticked and repeated when several are ticked, an empty optional field is '', a number is
 * digits. One coercion, driven by each field's schema:
 * - a list: absent is [], one value is [value];
 * - a yes/no: 'on', 'yes', 'true', '1' are true, 'off', 'no', 'false', '0' false;
 * - a number: its digits as a number ('' is absent);
 * - text: a repeated field's first value; an optional field left empty is absent.
 * Fields the schema does not name are left out (the CSRF token, the buttons of other actions);
 * anything else reaches the schema as sent, which refuses it with what to fix.
 */
export function coerceForm(schema: z.ZodType, input: unknown): unknown {
  const shape = shapeOf(schema);
  if (shape === undefined || typeof input !== 'object' || input === null) return input ?? {};
  // Only the schema's fields: the CSRF token and a form's other controls are not the operation's
  // (a strict schema, as the API's may be, would refuse them).
  const sent = input as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, fieldSchema] of Object.entries(shape)) {
    const { kind, optional } = kindOf(fieldSchema);
    const value = sent[name];
    if (kind === 'array') {
      out[name] = value === undefined ? [] : Array.isArray(value) ? value : [value];
      continue;
    }
    const one: unknown = Array.isArray(value) ? value[0] : value;
    if (one === undefined || (one === '' && (optional || kind !== 'string'))) continue;
    if (kind === 'boolean' && typeof one === 'string' && Object.hasOwn(BOOLEANS, one))
      out[name] = BOOLEANS[one as string];
    else if (kind === 'number' && typeof one === 'string' && Number.isFinite(Number(one)))
      out[name] = Number(one);
    else out[name] = one;
  }
  return out;
}

const BOOLEANS: Readonly<Record<string, boolean>> = {
  on: true,
  yes: true,
  true: true,
  '1': true,
  off: false,
  no: false,
  false: false,
  '0': false,
};

/**
 * A posted form parsed by `schema`; a refusal (a DomainError, so the page answers it in the
 * reader's language with the form as typed) names each field and what to send.
 */
export function parseForm<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(coerceForm(schema, body));
  if (parsed.success) return parsed.data;
  const issues = issuesFromZod(parsed.error);
  throw new DomainError('invalid_body', describeIssues(issues), issues);
}

/** A page's path parameters parsed by `schema` (a route's own: never missing). */
export function parseParams<T extends z.ZodType>(schema: T, request: FastifyRequest): z.output<T> {
  const parsed = schema.safeParse(request.params);
  if (parsed.success) return parsed.data;
  throw new HttpError('not_found', describeIssues(issuesFromZod(parsed.error)));
}

/** A page's query string parsed by `schema`, coerced as a form is. */
export function parseQuery<T extends z.ZodType>(schema: T, request: FastifyRequest): z.output<T> {
  const parsed = schema.safeParse(coerceForm(schema, request.query));
  if (parsed.success) return parsed.data;
  const issues = issuesFromZod(parsed.error);
  throw new HttpError('invalid_parameter', describeIssues(issues), issues);
}

type Kind = 'array' | 'boolean' | 'number' | 'string' | 'other';

/** The fields of an object schema, through refinements, transforms and wrappers. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === 'object') return def.shape as Record<string, z.ZodType>;
  const inner = innerOf(def);
  return inner === undefined ? undefined : shapeOf(inner);
}

function innerOf(def: Record<string, unknown> & { type: string }): z.ZodType | undefined {
  if (def.type === 'pipe') return def.in as z.ZodType;
  if (WRAPPERS.has(def.type)) return def.innerType as z.ZodType;
  return undefined;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly']);
const OPTIONAL = new Set(['optional', 'default', 'prefault', 'catch']);

function kindOf(schema: z.ZodType, optional = false): { kind: Kind; optional: boolean } {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === 'array') return { kind: 'array', optional };
  if (def.type === 'boolean') return { kind: 'boolean', optional };
  if (def.type === 'number' || def.type === 'int') return { kind: 'number', optional };
  if (def.type === 'string' || def.type === 'enum' || def.type === 'literal')
    return { kind: 'string', optional };
  const inner = innerOf(def);
  return inner === undefined
    ? { kind: 'other', optional }
    : kindOf(inner, optional || OPTIONAL.has(def.type));
}

/** The schema of a route's path parameters, each an id (a non-empty segment). */
export function pathIds<const K extends string>(
  ...names: K[]
): z.ZodObject<Record<K, z.ZodString>> {
  return z.object(
    Object.fromEntries(names.map((name) => [name, z.string().min(1)])) as Record<K, z.ZodString>,
  );
}

const FORM_TEXT = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** A posted form's fields as typed (a repeated one's values as a list), to show a refused form. */
export function typedForm(body: unknown): Record<string, string | string[]> {
  const parsed = FORM_TEXT.safeParse(body);
  return parsed.success ? parsed.data : {};
}

/** A posted form's fields as typed, one text each, to show a refused form again. */
export function typedValues(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(typedForm(body)).map(([name, value]) => [
      name,
      Array.isArray(value) ? (value[0] ?? '') : value,
    ]),
  );
}
