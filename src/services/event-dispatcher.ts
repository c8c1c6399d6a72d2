import type { Store } from '../storage/database.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import type { StoredEvent } from '../storage/repositories/events-repository.js';

/** An event handed to listeners: its advertiser known (the program's, when it names none). */
export type DispatchedEvent = StoredEvent;

/** A listener's writes for a batch of events, run in the dispatcher's transaction. */
export type ListenerWrites = (t: Repos) => Promise<void>;

/**
 * Whoever acts on events: webhooks, postbacks, notifications. `prepare` reads what the events
 * need and works out what they mean (a delivery to attempt, a mail to send) outside any
 * transaction; the writes it returns run in the dispatcher's transaction, so an event is handed
 * on exactly once: its work and its stamp commit together, or neither does and the next run
 * hands it on again. Reading and building outside the transaction keeps the write lock (one per
 * SQLite file) held for the inserts alone, not for the reads and the payloads' JSON: measured
 * with the webhooks bench, a low-priority thread holding it while it built 350 deliveries made
 * the orders' commits wait. Slow work (HTTP, SMTP) never happens here: it is stored and done by
 * the listener's own job.
 */
export interface EventListener {
  readonly name: string;
  prepare(events: readonly DispatchedEvent[], r: Repos, nowMs: number): Promise<ListenerWrites>;
}

/** The writes of a listener that has nothing to write for a batch. */
export const NO_WRITES: ListenerWrites = () => Promise.resolve();

/** How long dispatched events stay in the outbox (for support and redelivery), in days. */
export const EVENT_RETENTION_DAYS = 30;

/** Raised inside a dispatch transaction when another dispatcher stamped its events first. */
class DispatchedElsewhere extends Error {}

/**
 * Hands the outbox's events (events-repository.ts) to the listeners, oldest first, in
 * batches. Runs as one network job (the scheduler's lock), off the request path; a run that
 * finds another node's stamps on its batch rolls back and leaves that batch to it.
 */
export class EventDispatcher {
  readonly #listeners: EventListener[] = [];

  constructor(private readonly store: Store) {}

  listen(listener: EventListener): void {
    if (this.#listeners.some((known) => known.name === listener.name))
      throw new Error(`an event listener named ${listener.name} is registered already`);
    this.#listeners.push(listener);
  }

  get listeners(): readonly string[] {
    return this.#listeners.map((listener) => listener.name);
  }

  /** Hands every undispatched event on; how many. */
  async dispatch(nowMs: number, batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      let handed: number;
      try {
        handed = await this.#batch(nowMs, batchSize);
      } catch (error) {
        if (error instanceof DispatchedElsewhere) return total;
        throw error;
      }
      total += handed;
      if (handed < batchSize) return total;
    }
  }

  /** Deletes dispatched events older than the retention; how many. */
  prune(nowMs: number): Promise<number> {
    return repos(this.store).events.pruneDispatched(nowMs - EVENT_RETENTION_DAYS * 86_400_000);
  }

  /**
   * One batch: read and prepared outside a transaction, written in one; the stamp is written
   * only where no other dispatcher stamped first (else all rolls back, `DispatchedElsewhere`).
   */
  async #batch(nowMs: number, batchSize: number): Promise<number> {
    const r = repos(this.store);
    const events = await r.events.undispatched(batchSize);
    if (events.length === 0) return 0;
    const programs = new Set<string>();
    for (const event of events)
      if (event.advertiserId === null && event.programId !== null) programs.add(event.programId);
    const advertisers = await r.programs.advertisersOf([...programs]);
    const dispatched = events.map((event) =>
      event.advertiserId !== null || event.programId === null
        ? event
        : { ...event, advertiserId: advertisers.get(event.programId) ?? null },
    );
    const writes: ListenerWrites[] = [];
    for (const listener of this.#listeners)
      writes.push(await listener.prepare(dispatched, r, nowMs));
    const ids = events.map((event) => event.id);
    await r.transaction(async (t) => {
      for (const write of writes) await write(t);
      if (!(await t.events.markDispatched(ids, nowMs))) throw new DispatchedElsewhere();
    });
    return events.length;
  }
}
