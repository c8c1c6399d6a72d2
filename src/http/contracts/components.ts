import { z } from 'zod';
import { ANSWERS } from '../api-answers.js';
import { INTEGRATION_ANSWERS } from './integration-answers.js';
import { OrderChange, OrderDocument, ValidationBatch, ValidationDecision } from './bodies.js';

/**
 * The shapes the API document publishes by name (components/schemas): a declaration that uses
 * one gets a `$ref` to it. Answers are described as the server sends them, bodies as a client
 * may send them.
 */
export const ANSWER_COMPONENTS = z.registry<{ id: string }>();
export const BODY_COMPONENTS = z.registry<{ id: string }>();

for (const [id, schema] of Object.entries({ ...INTEGRATION_ANSWERS, ...ANSWERS }))
  ANSWER_COMPONENTS.add(schema, { id });
for (const [id, schema] of Object.entries({
  OrderDocument,
  OrderChange,
  ValidationDecision,
  ValidationBatch,
}))
  BODY_COMPONENTS.add(schema, { id });
