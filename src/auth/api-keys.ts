import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '../storage/ids.js';
import { repos, type Repos, type Scope } from '../storage/repositories/repos.js';

/**
 * Advertiser API keys: `ak_<prefix>_<secret>`. Only the prefix (to find and list a key) and a
 * SHA-256 of the whole key are stored; 256 random bits need no slow hash.
 */
const KEY_PATTERN = /^ak_([0-9a-z]{10})_([A-Za-z0-9_-]{43})$/;

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

export interface ApiKeyOwner {
  keyId: string;
  advertiserId: string;
}

/** One of an advertiser's keys as its owner sees it: the prefix, never the secret. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** How long a verified key is trusted without asking the database (a revocation's delay). */
const VERIFIED_TTL_MS = 10_000;

export class ApiKeys {
  readonly #verified = new Map<string, { owner: ApiKeyOwner; until: number }>();

  readonly #repos: Repos;

  constructor(scope: Scope) {
    this.#repos = repos(scope);
  }

  /** `verify` with a short memory of good keys, for the order API's hot path. */
  async verifyCached(key: string, nowMs: number): Promise<ApiKeyOwner | undefined> {
    const hit = this.#verified.get(key);
    if (hit !== undefined && hit.until > nowMs) return hit.owner;
    const owner = await this.verify(key);
    if (owner === undefined) {
      this.#verified.delete(key);
      return undefined;
    }
    if (this.#verified.size > 10_000) this.#verified.clear();
    this.#verified.set(key, { owner, until: nowMs + VERIFIED_TTL_MS });
    return owner;
  }

  /** Creates a key; the plain key is returned once and never stored. */
  async create(
    advertiserId: string,
    name: string,
    createdBy: string | null,
    nowMs: number,
  ): Promise<{ id: string; key: string; prefix: string }> {
    const key = `ak_${randomBytes(10).toString('hex').slice(0, 10)}_${randomBytes(32).toString('base64url')}`;
    return { ...(await this.register(advertiserId, key, name, createdBy, nowMs)), key };
  }

  /**
   * Stores a key made elsewhere (the demo derives its key from the network secret); a key whose
   * prefix is already stored is left as it is.
   */
  async register(
    advertiserId: string,
    key: string,
    name: string,
    createdBy: string | null,
    nowMs: number,
  ): Promise<{ id: string; prefix: string }> {
    const match = KEY_PATTERN.exec(key);
    if (match === null)
      throw new Error('an API key must look like ak_<10 characters>_<43 characters>');
    const prefix = match[1]!;
    const id = newId('apiKey', nowMs);
    await this.#repos.apiKeys.insertUnlessPrefixTaken({
      id,
      advertiser_id: advertiserId,
      name,
      prefix,
      key_hash: digest(key).toString('hex'),
      created_by: createdBy,
      created_at: nowMs,
      last_used_at: null,
      revoked_at: null,
    });
    return { id, prefix };
  }

  /** The owner of a valid, unrevoked key; undefined for anything else. */
  async verify(key: string): Promise<ApiKeyOwner | undefined> {
    const match = KEY_PATTERN.exec(key);
    if (match === null) return undefined;
    const row = await this.#repos.apiKeys.findActiveByPrefix(match[1]!);
    if (row === undefined) return undefined;
    const stored = Buffer.from(row.key_hash, 'hex');
    const given = digest(key);
    if (stored.length !== given.length || !timingSafeEqual(stored, given)) return undefined;
    return { keyId: row.id, advertiserId: row.advertiser_id };
  }

  /** An advertiser's keys by prefix, newest first (the secret part is never shown again). */
  async list(advertiserId: string): Promise<ApiKeyView[]> {
    const rows = await this.#repos.apiKeys.ofAdvertiser(advertiserId);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    }));
  }

  /** Revokes one of the advertiser's keys; other nodes stop accepting it within 10 seconds. */
  async revoke(advertiserId: string, keyId: string, nowMs: number): Promise<boolean> {
    const revoked = await this.#repos.apiKeys.revoke(advertiserId, keyId, nowMs);
    this.#verified.clear();
    return revoked;
  }
}
