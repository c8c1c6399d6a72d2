import { z } from 'zod';
import { ANSWERS } from '../api-answers.js';

/**
 * The shapes the API document publishes by name (components/schemas): a declaration that uses
 * one gets a `$ref` to it. Answers are described as the server sends them, bodies as a client
 * may send them.
 */
export const ANSWER_COMPONENTS = z.registry<{ id: string }>();
export const BODY_COMPONENTS = z.registry<{ id: string }>();

for (const [id, schema] of Object.entries(ANSWERS)) ANSWER_COMPONENTS.add(schema, { id });
