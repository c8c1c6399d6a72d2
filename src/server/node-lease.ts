import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ClickIdGenerator } from '../storage/click-ids.js';
import { NODE_NUMBERS } from '../storage/click-ids.js';
import type { NodeLeasesRepository } from '../storage/repositories/node-leases-repository.js';

/** How long a lease lasts without renewal, and how often it is renewed. */
export const LEASE_TTL_MS = 30_000;
export const LEASE_RENEW_MS = 10_000;

export class NodeLeaseError extends Error {
  override name = 'NodeLeaseError';
}

/**
 * This process's node number, leased from the database so that every process sharing it makes
 * click ids of its own (two nodes on one database never collide). Renewed every 10 s; a lease
 * lost while the database was away (expired and taken) is replaced by a free number.
 */
export class NodeLease {
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  #node: number | undefined;

  constructor(
    private readonly leases: NodeLeasesRepository,
    private readonly ids: ClickIdGenerator,
    private readonly now: () => number,
  ) {}

  get node(): number | undefined {
    return this.#node;
  }

  /** Takes the lowest free number and makes the click ids with it. */
  async acquire(): Promise<number> {
    const now = this.now();
    for (let node = 0; node < NODE_NUMBERS; node++) {
      if (await this.leases.take(node, this.holder, now, now + LEASE_TTL_MS)) {
        this.#node = node;
        this.ids.useNode(node);
        return node;
      }
    }
    throw new NodeLeaseError(
      `all ${NODE_NUMBERS} node numbers are leased by running processes: run fewer processes on this database, or set NODE_ID (0-${NODE_NUMBERS - 1}) per process`,
    );
  }

  /** Extends the lease; takes a new number when it was lost. Returns the node number in use. */
  async renew(): Promise<number> {
    if (this.#node === undefined) return this.acquire();
    const now = this.now();
    if (await this.leases.renew(this.#node, this.holder, now + LEASE_TTL_MS)) return this.#node;
    // Expired while the database was away; take it back if still free, or another.
    return this.acquire();
  }

  async release(): Promise<void> {
    if (this.#node === undefined) return;
    await this.leases.release(this.#node, this.holder);
    this.#node = undefined;
  }
}
