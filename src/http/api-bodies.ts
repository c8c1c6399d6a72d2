import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { describeIssues, issuesFromZod } from '../domain/errors.js';
import { HttpError } from './http-errors.js';

export { BODIES } from './contracts/bodies.js';

/** A route's body parsed by its schema; a refusal names each field and what to send. */
export function parseBody<T extends z.ZodType>(request: FastifyRequest, schema: T): z.output<T> {
  const parsed = schema.safeParse(request.body ?? {});
  if (parsed.success) return parsed.data;
  const issues = issuesFromZod(parsed.error);
  throw new HttpError(400, 'invalid_body', describeIssues(issues), issues);
}
