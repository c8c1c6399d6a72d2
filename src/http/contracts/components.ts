import { z } from 'zod';
import { ANSWERS } from '../api-answers.js';
import { INTEGRATION_ANSWERS } from './integration-answers.js';
import { AD_ANSWERS } from './ad-answers.js';
import { AdRequest } from './ads.js';
import { WEBHOOK_ANSWERS } from './webhook-answers.js';
import {
  LinkRequests,
  OrderChange,
  OrderDocument,
  ValidationBatch,
  ValidationDecision,
} from './bodies.js';
import {
  Promotion,
  PromotionBody,
  PromotionPatch,
  Promotions,
  PublisherPromotion,
  PublisherPromotions,
} from './promotions.js';
import { FeedSource, FeedSourceBody } from './feed-sources.js';
import { FeedImportAccepted, FeedImportReport, FeedImportStatus } from './feeds.js';

/**
 * The shapes the API document publishes by name (components/schemas): a declaration that uses
 * one gets a `$ref` to it. Answers are described as the server sends them, bodies as a client
 * may send them.
 */
export const ANSWER_COMPONENTS = z.registry<{ id: string }>();
export const BODY_COMPONENTS = z.registry<{ id: string }>();

/** Registers each shape under its name; one schema object can carry one name only. */
function register(
  registry: typeof ANSWER_COMPONENTS,
  shapes: Readonly<Record<string, z.ZodType>>,
): void {
  for (const [id, schema] of Object.entries(shapes)) {
    const taken = registry.get(schema)?.id;
    if (taken !== undefined) throw new Error(`${id} is the same schema as ${taken}: clone it`);
    registry.add(schema, { id });
  }
}

register(ANSWER_COMPONENTS, {
  ...INTEGRATION_ANSWERS,
  ...ANSWERS,
  Promotion,
  Promotions,
  PublisherPromotion,
  PublisherPromotions,
  FeedImportReport,
  FeedSource,
  FeedImportAccepted,
  FeedImportStatus,
  ...AD_ANSWERS,
  ...WEBHOOK_ANSWERS,
});
register(BODY_COMPONENTS, {
  FeedSourceBody,
  OrderDocument,
  OrderChange,
  ValidationDecision,
  ValidationBatch,
  LinkRequests,
  PromotionBody,
  PromotionPatch,
  AdRequest,
});
