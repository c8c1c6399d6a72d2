import type { Store } from '../storage/database.js';
import { RateLimitsRepository } from '../storage/repositories/rate-limits-repository.js';
import { repos } from '../storage/repositories/repos.js';

/** At most `max` attempts per `windowMs`, per address and (where one is named) per account. */
export interface RateLimitRule {
  /** Names the limited action in the keys, e.g. `login`. */
  name: string;
  max: number;
  windowMs: number;
}

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Rate limits for sign-up, login and password reset, counted in the database so that every
 * process of a network enforces one budget, and per account as well as per address, so neither
 * many addresses against one account nor one address against many accounts gets through.
 */
export class RateLimiter {
  readonly #repository: RateLimitsRepository;
  #lastPrune = 0;

  constructor(store: Store) {
    this.#repository = repos(store).rateLimits;
  }

  /** Counts an attempt under each key (`ip:…`, `account:…`); refused when any is over. */
  async attempt(
    rule: RateLimitRule,
    keys: readonly string[],
    nowMs: number,
  ): Promise<RateLimitVerdict> {
    const windowStart = Math.floor(nowMs / rule.windowMs) * rule.windowMs;
    let over = false;
    for (const key of keys) {
      const hits = await this.#repository.hit(`${rule.name}:${key}`, windowStart);
      if (hits > rule.max) over = true;
    }
    if (nowMs - this.#lastPrune > 3_600_000) {
      this.#lastPrune = nowMs;
      await this.#repository.prune(nowMs - 86_400_000);
    }
    if (!over) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((windowStart + rule.windowMs - nowMs) / 1000)),
    };
  }
}
