import type { z } from 'zod';
import type { ErrorCode } from '../../domain/error-codes.js';

/**
 * One declaration per JSON API route: what `route()` (`src/http/route.ts`) registers and checks
 * before the handler runs, and what the API document (`src/http/openapi.ts`) publishes. Pure
 * zod, no storage: the portal (`src/web`) parses its forms with the same body schemas.
 */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call: checked before the input, so a caller without credentials learns no rules. */
export type Auth = 'none' | 'apiKey' | 'advertiser' | 'publisher' | 'admin' | 'user';

/** One documented answer: a description, its JSON schema, other media types it comes in. */
export interface Answer {
  readonly description: string;
  /** The JSON body; a schema registered in `answers.ts` is published by name. */
  readonly schema?: z.ZodType;
  /** Other media types of the same answer (`format=csv`, a SEPA file, a PDF). */
  readonly types?: readonly string[];
}

export interface RouteContract {
  readonly method: Method;
  /** OpenAPI style: `/api/v1/programs/{programId}/orders`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly auth: Auth;
  /** Every `{name}` of the path; refused with 400 invalid_parameter. */
  readonly params?: z.ZodObject;
  /** The query string; refused with 400 invalid_parameter. */
  readonly query?: z.ZodObject;
  /** The JSON body; refused with 400 `bodyCode` (invalid_body unless named). */
  readonly body?: z.ZodType;
  readonly bodyCode?: ErrorCode;
  /**
   * The body is documented by `body` but handed to the handler as sent: a service checks it
   * and refuses it with its own codes (the order document), or it may come as text too.
   */
  readonly rawBody?: boolean;
  /** Other media types the body may come in, as text (a terms file as YAML, a CSV). */
  readonly bodyTypes?: readonly string[];
  /** The body comes only in `bodyTypes`, never as JSON (a feed file). */
  readonly bodyNotJson?: boolean;
  /** Status → its description, or its schema and media types. */
  readonly answers: Readonly<Record<number, string | Answer>>;
}

/** The 403 every route with a role answers (`src/http/openapi.ts` adds it to each). */
export const ROLE_REFUSAL = 'Credentials of another role, or a one-time password still to replace';

/** A route's own 403 (an authorization refusal with its code), beside the role refusal. */
export function forbidden(why: string): string {
  return `${why}; or ${ROLE_REFUSAL[0]!.toLowerCase()}${ROLE_REFUSAL.slice(1)}`;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the parsed params, query and body of its declaration. */
export interface RouteInput<C extends RouteContract> {
  params: Parsed<C['params']>;
  query: Parsed<C['query']>;
  body: C['rawBody'] extends true ? unknown : Parsed<C['body']>;
}

/** A declaration with its schemas' types kept, so the handler's input is typed. */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}
