import type { z } from 'zod';
import { describeIssues, issuesFromZod } from '../domain/errors.js';
import { HttpError } from './http-errors.js';

/** A query string parsed by a zod schema; a 400 `invalid_parameter` naming each problem. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const issues = issuesFromZod(parsed.error);
  throw new HttpError('invalid_parameter', describeIssues(issues), issues);
}
