import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Network } from '../server/network.js';
import { describeIssues, issuesFromZod } from '../domain/errors.js';
import type { RouteContract, RouteInput } from './contracts/contract.js';
import type { ErrorCode } from '../domain/error-codes.js';
import { HttpError } from './http-errors.js';
import { authenticateAnyUser, authenticateUser } from './user-auth.js';
import { authenticateAnyAdvertiser } from './authenticate-advertiser.js';
import type { RouteLimit } from './rate-limits.js';

export type RouteHandler<C extends RouteContract> = (
  input: RouteInput<C>,
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<unknown>;

export interface RouteOptions {
  /** A rate limit (`LIMITS` in rate-limits.ts). */
  readonly config?: { readonly limit: RouteLimit };
}

/** `/api/v1/programs/{programId}` → `/api/v1/programs/:programId` (Fastify's syntax). */
export function fastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** The input parsed by its schema, or a 400 naming each problem (a body's with its issues). */
function parsed<T extends z.ZodType>(
  schema: T,
  value: unknown,
  code: ErrorCode,
  withIssues: boolean,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error);
  throw new HttpError(code, describeIssues(issues), withIssues ? issues : []);
}

/** The caller's credentials, by the declaration's `auth` (the handler may ask again: cached). */
async function checkCredentials(
  network: Network,
  request: FastifyRequest,
  auth: RouteContract['auth'],
): Promise<void> {
  if (auth === 'none') return;
  if (auth === 'user') await authenticateAnyUser(network, request);
  else if (auth === 'apiKey') await authenticateAnyAdvertiser(network, request);
  else await authenticateUser(network, request, auth);
}

/**
 * Registers a route from its declaration: the caller's credentials are checked first, then the
 * path parameters, the query and the body are parsed with the declaration's schemas (400
 * invalid_parameter, or the body's code, naming each problem), and the handler gets them typed.
 * A route that takes no input checks its credentials itself.
 */
export function routesOf(app: FastifyInstance, network: Network) {
  return function route<C extends RouteContract>(
    contract: C,
    handler: RouteHandler<C>,
    options: RouteOptions = {},
  ): void {
    const names = [...contract.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const declared = Object.keys(contract.params?.shape ?? {});
    if (names.join() !== declared.join())
      throw new Error(
        `${contract.method} ${contract.path}: declare its parameters ${names.join(', ') || '(none)'} (declared: ${declared.join(', ') || 'none'})`,
      );
    const takesInput = Boolean(contract.params ?? contract.query ?? contract.body);
    app.route({
      method: contract.method.toUpperCase() as 'GET',
      url: fastifyPath(contract.path),
      ...(options.config ? { config: options.config } : {}),
      handler: async (request, reply) => {
        if (takesInput) await checkCredentials(network, request, contract.auth);
        const input = {
          params: contract.params
            ? parsed(contract.params, request.params, 'invalid_parameter', false)
            : undefined,
          query: contract.query
            ? parsed(contract.query, request.query ?? {}, 'invalid_parameter', false)
            : undefined,
          body:
            contract.body === undefined
              ? undefined
              : contract.rawBody
                ? request.body
                : parsed(
                    contract.body,
                    request.body ?? {},
                    contract.bodyCode ?? 'invalid_body',
                    true,
                  ),
        } as RouteInput<C>;
        return handler(input, request, reply);
      },
    });
  };
}
