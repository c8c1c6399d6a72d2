import type { Store } from '../storage/database.js';
import { repos, type Repos } from '../storage/repositories/repos.js';
import type { StoredEvent } from '../storage/repositories/events-repository.js';

/** An event handed to listeners: its advertiser known (the program's, when it names none). */
export type DispatchedEvent = StoredEvent;

/**
 * Whoever acts on events: webhooks, postbacks, notifications. `accept` writes the work the
 * events mean (a delivery to attempt, a mail to send) with the repositories of the
 * dispatcher's transaction, so an event is handed on exactly once: its work and its stamp
 * commit together, or neither does and the next run hands it on again. Slow work (HTTP, SMTP)
 * never happens in `accept`: it is stored here and done by the listener's own job.
 */
export interface EventListener {
  readonly name: string;
  accept(events: readonly DispatchedEvent[], r: Repos, nowMs: number): Promise<void>;
}

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
        handed = await repos(this.store).transaction((t) => this.#batch(t, nowMs, batchSize));
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

  async #batch(t: Repos, nowMs: number, batchSize: number): Promise<number> {
    const events = await t.events.undispatched(batchSize);
    if (events.length === 0) return 0;
    const programs = new Set<string>();
    for (const event of events)
      if (event.advertiserId === null && event.programId !== null) programs.add(event.programId);
    const advertisers = await t.programs.advertisersOf([...programs]);
    const dispatched = events.map((event) =>
      event.advertiserId !== null || event.programId === null
        ? event
        : { ...event, advertiserId: advertisers.get(event.programId) ?? null },
    );
    for (const listener of this.#listeners) await listener.accept(dispatched, t, nowMs);
    if (
      !(await t.events.markDispatched(
        events.map((event) => event.id),
        nowMs,
      ))
    )
      throw new DispatchedElsewhere();
    return events.length;
  }
}
