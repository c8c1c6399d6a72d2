import type { Store } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { clickIdTime, firstClickIdAt, formatClickId } from '../storage/click-ids.js';
import { type Click } from '../storage/repositories/clicks-repository.js';
import {
  detectBurst,
  detectClick,
  detectConversion,
  detectConversionVelocity,
  holdingDetectors,
  type ComplianceSettings,
  type Flag,
  type MailingState,
} from '../domain/compliance/detect-traffic.js';
import type { StoredTerms } from '../programs/stored-terms.js';
import { changeCommission } from './commission-ledger.js';
import { decisionToSuspend, POLICY_REVIEW } from '../domain/ledger/compliance-hold.js';
import { decidedCommission } from './suspended-decisions.js';
import { compareOrderLockKeys } from './order-recorder.js';
import { leaveToRequests, letWaitingRun } from './pacing.js';
import { repos, type Repos } from '../storage/repositories/repos.js';

const CLICK_LAG_MS = 10_000;
const ORDER_LAG_MS = 30_000;
const VELOCITY_WINDOW_MS = 60_000;
const CONVERSION_WINDOW_MS = 3_600_000;

/**
 * Clicks with an address, by id, and their `site ip-hash` keys, from `start` on, with the
 * count of each key among them.
 */
interface LookBack {
  upTo: number;
  start: number;
  ids: number[];
  keys: string[];
  counts: Map<string, number>;
}

/**
 * The attributed orders of the hour up to the order scan's cursor (`upTo`), oldest first from
 * `start`, each with its keys (its click, its click's IP hash, its site), and the count of each
 * key among them: conversion velocity (NET-R5) without reading the hour again for every page.
 */
interface ConversionWindow {
  upTo: { createdAt: number; id: string | null };
  start: number;
  times: number[];
  keys: string[][];
  counts: Map<string, number>;
}

/** What one scan run looked at and flagged. */
export interface ScanCounts {
  clicks: number;
  orders: number;
  hours: number;
  flags: number;
}

/**
 * Runs the traffic-policy detectors over every click and conversion, behind the hot path (a
 * job, like the report rollup): clicks 10 s and orders 30 s after they commit, each kind from
 * its own watermark moved compare-and-set, so two processes never flag twice. Flags become
 * `violations` with evidence, severity and rule id, for the review queue. Orders of an email
 * click without an approved mailing are held (AE-P1).
 */
export class ComplianceScanner {
  constructor(
    private readonly store: Store,
    private readonly terms: StoredTerms,
  ) {}

  /** Each program's thresholds, read before the scan's transactions (SQLite has one connection). */
  #settings = new Map<string, ComplianceSettings>();

  async #loadSettings(): Promise<void> {
    for (const programId of await repos(this.store).programs.ids())
      this.#settings.set(programId, (await this.terms.ofProgramOrThrow(programId)).file.compliance);
  }

  #settingsOf(programId: string): ComplianceSettings {
    const settings = this.#settings.get(programId);
    if (settings === undefined)
      throw new Error(`program ${programId} appeared during a scan; it is scanned next run`);
    return settings;
  }

  /**
   * One run: clicks in chunks of `clickChunk` until caught up; after each chunk requests get
   * three times the chunk's time before the next one (the scan takes at most a quarter of the
   * thread, in pieces of a few milliseconds: a one-address click flood flags every click and a
   * chunk of its clicks costs ~15 µs a click). A run scans for at most `clickBudgetMs`; a flood
   * is worked off over the next runs (orders wait for their clicks, see scanOrders). Then
   * orders and hours.
   */
  async scan(
    nowMs: number,
    {
      clickChunk = 50,
      maxClickChunks = Infinity,
      clickBudgetMs = 1_000,
      stop = () => false,
    }: {
      clickChunk?: number;
      maxClickChunks?: number;
      clickBudgetMs?: number;
      /** True once the server shuts down: no further chunk, no order or hour scan. */
      stop?: () => boolean;
    } = {},
  ): Promise<ScanCounts> {
    await this.#loadSettings();
    let clicks = 0;
    let flags = 0;
    let spentMs = 0;
    for (let chunks = 0; chunks < maxClickChunks; chunks++) {
      const started = performance.now();
      const chunk = await this.scanClicks(nowMs, clickChunk);
      const tookMs = performance.now() - started;
      spentMs += tookMs;
      clicks += chunk.scanned;
      flags += chunk.flags;
      if (!chunk.more || spentMs > clickBudgetMs || stop()) break;
      await leaveToRequests(tookMs);
    }
    if (stop()) return { clicks, orders: 0, hours: 0, flags };
    const orders = await this.scanOrders(nowMs);
    const hours = await this.scanHours(nowMs);
    return {
      clicks,
      orders: orders.scanned,
      hours: hours.scanned,
      flags: flags + orders.flags + hours.flags,
    };
  }

  /** A watermark, created at 0 the first time (a write: call it inside the transaction). */
  async #watermark(t: Repos, name: string): Promise<number> {
    await t.watermarks.create(name);
    return t.watermarks.read(name);
  }

  /**
   * The clicks with an address of the last minute the previous chunk scanned, up to its
   * watermark (entries before `start` are older): the next chunk's velocity look-back without
   * reading that minute again (at 16,000 clicks a second a minute is a million rows).
   */
  #lookBack: LookBack | undefined;

  /**
   * Scans the next chunk of settled clicks. Clicks never change once written, so reading them
   * and running the detectors needs no transaction; the violations and the watermark are then
   * written in one short transaction that moves the watermark compare-and-set (another process
   * that scanned the same clicks first makes this one roll back).
   */
  async scanClicks(
    nowMs: number,
    limit = 50,
  ): Promise<{ scanned: number; flags: number; more: boolean }> {
    // Read only: an INSERT … DO NOTHING would take the write lock for every chunk.
    const from = await repos(this.store).watermarks.read('compliance_clicks');
    const to = firstClickIdAt(nowMs - CLICK_LAG_MS) - 1;
    if (to <= from) return { scanned: 0, flags: 0, more: false };
    const fresh = await repos(this.store).clicks.range(from, to, limit);
    await letWaitingRun();
    const more = fresh.length === limit;
    const next = more ? fresh[fresh.length - 1]!.id : to;
    const rows = [];
    // The minute before the first fresh click, for velocity across the watermark.
    const window =
      fresh.length === 0
        ? undefined
        : await this.#window(from, clickIdTime(fresh[0]!.id) - VELOCITY_WINDOW_MS);
    if (window !== undefined) {
      const mailings = await this.#mailings(fresh);
      const publishers = await repos(this.store).publishers.publishersOfSites([
        ...new Set(fresh.map((c) => c.siteId)),
      ]);
      const { ids, keys, counts } = window;
      for (const click of fresh) {
        const time = clickIdTime(click.id);
        while (
          window.start < ids.length &&
          clickIdTime(ids[window.start]!) <= time - VELOCITY_WINDOW_MS
        ) {
          const key = keys[window.start]!;
          const left = counts.get(key)! - 1;
          if (left === 0) counts.delete(key);
          else counts.set(key, left);
          window.start += 1;
        }
        let velocity = 1;
        if (click.ipHash !== null) {
          const key = `${click.siteId} ${click.ipHash}`;
          velocity = (counts.get(key) ?? 0) + 1;
          counts.set(key, velocity);
          ids.push(click.id);
          keys.push(key);
        }
        const flags = detectClick(
          click.signals,
          {
            velocity,
            clickTimeMs: time,
            mailing: click.signals.mailingId ? mailings.get(click.signals.mailingId) : undefined,
          },
          this.#settingsOf(click.programId),
        );
        for (const flag of flags)
          rows.push(this.#violation(flag, click, publishers.get(click.siteId), nowMs));
      }
      if (window.start > ids.length / 2) {
        ids.splice(0, window.start);
        keys.splice(0, window.start);
        window.start = 0;
      }
    }
    const valid = rows.filter((row) => row.publisher_id !== '');
    // Until this chunk commits, no look-back is trusted.
    const kept = this.#lookBack;
    this.#lookBack = undefined;
    await letWaitingRun();
    await repos(this.store).transaction(async (t) => {
      await t.watermarks.create('compliance_clicks');
      if (!(await t.watermarks.move('compliance_clicks', from, next)))
        throw new Error('another process scanned these clicks first; rolled back');
      await t.violations.insertMany(valid);
    });
    const carried = window ?? (kept?.upTo === from ? kept : undefined);
    this.#lookBack = carried === undefined ? undefined : { ...carried, upTo: next };
    return { scanned: fresh.length, flags: valid.length, more };
  }

  /**
   * The clicks with an address after `sinceMs` up to the watermark `upTo`: what the previous
   * chunk left when it ended there, else read from the store.
   */
  async #window(upTo: number, sinceMs: number): Promise<LookBack> {
    const kept = this.#lookBack;
    if (kept?.upTo === upTo) return kept;
    const rows = await repos(this.store).clicks.addressed(
      Math.max(0, firstClickIdAt(sinceMs) - 1),
      upTo,
    );
    const keys = rows.map((row) => `${row.siteId} ${row.ipHash}`);
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return { upTo, start: 0, ids: rows.map((row) => row.id), keys, counts };
  }

  #violation(flag: Flag, click: Click, publisherId: string | undefined, nowMs: number) {
    return {
      id: newId('violation', nowMs),
      program_id: click.programId,
      publisher_id: publisherId ?? '',
      site_id: click.siteId,
      click_id: click.id,
      order_id: null,
      rule: flag.rule,
      detector: flag.detector,
      severity: flag.severity,
      evidence: JSON.stringify({
        ...flag.evidence,
        click: formatClickId(click.id),
        at: new Date(clickIdTime(click.id)).toISOString(),
      }),
      status: 'open',
      created_at: nowMs,
    };
  }

  async #mailings(clicks: readonly Click[]): Promise<Map<string, MailingState>> {
    const params = [
      ...new Set(clicks.map((c) => c.signals.mailingId).filter((m): m is string => !!m)),
    ];
    const windows = await repos(this.store).mailings.windowsByLinkParam(params);
    return new Map(windows.map(({ linkParam, ...state }) => [linkParam, state]));
  }

  /** The conversion window the last committed order page ended with (see ConversionWindow). */
  #conversions: ConversionWindow | undefined;

  /**
   * The conversion window up to the order scan's cursor `upTo`, from `sinceMs` on: the one the
   * previous page left (`kept`) when it ended there, else read from the store.
   */
  async #conversionWindow(
    t: Repos,
    kept: ConversionWindow | undefined,
    upTo: ConversionWindow['upTo'],
    sinceMs: number,
  ): Promise<ConversionWindow> {
    if (kept?.upTo.createdAt === upTo.createdAt && kept.upTo.id === upTo.id) return kept;
    const rows = await t.orders.attributedBetween(sinceMs, upTo);
    const window: ConversionWindow = {
      upTo,
      start: 0,
      times: [],
      keys: [],
      counts: new Map(),
    };
    for (const row of rows) addConversion(window, row.created_at, conversionKeys(row));
    return window;
  }

  async scanOrders(nowMs: number, limit = 5_000): Promise<{ scanned: number; flags: number }> {
    // Until this page commits, no conversion window is trusted.
    const kept = this.#conversions;
    this.#conversions = undefined;
    let carried: ConversionWindow | undefined;
    const result = await repos(this.store).transaction(async (t) => {
      // Orders in (created_at, id) order: many share a millisecond (a page may end inside one).
      const watermarks = t.watermarks;
      await watermarks.create('compliance_orders');
      const cursor = await watermarks.readCursor('compliance_orders');
      const from = cursor.at;
      const fromId = cursor.afterId;
      // An order is judged once its click is: never past the clicks scanned so far (a click
      // precedes its order), so a flag on the click holds the order however far the click
      // scan has fallen behind.
      const clicksScanned = await this.#watermark(t, 'compliance_clicks');
      const to = Math.min(nowMs - ORDER_LAG_MS, clickIdTime(clicksScanned));
      if (to <= from) return { scanned: 0, flags: 0 };
      const orders = await t.orders.pageAfter(cursor, to, limit);
      const window =
        orders.length === 0
          ? undefined
          : await this.#conversionWindow(
              t,
              kept,
              { createdAt: from, id: fromId },
              orders[0]!.created_at - CONVERSION_WINDOW_MS,
            );
      let flags = 0;
      const holds: { programId: string; orderNumber: string; orderId: string; clickId: number }[] =
        [];
      for (const order of orders) {
        if (order.click_id === null || order.publisher_id === null) continue;
        const click = await t.clicks.find(order.click_id);
        const keys = conversionKeys({ ...order, ip_hash: click?.ipHash ?? null });
        const velocity = countConversion(window!, order.created_at, keys);
        if (click === undefined) continue;
        // An order whose money is already declined has nothing to hold or to review.
        const money = await t.commissions.ofOrder(order.id);
        if (money.every((commission) => commission.status === 'declined')) continue;
        const logins = await t.users.loginIpHashesOfPublisher(order.publisher_id);
        const found = [
          ...detectConversion(
            {
              clickTimeMs: clickIdTime(click.id),
              placedAtMs: order.placed_at,
              clickIpHash: click.ipHash,
              publisherIpHashes: new Set(logins),
            },
            this.#settingsOf(order.program_id),
          ),
          // Conversions faster than the program allows (NET-R5): the order's own flag (other
          // conversions of its click are judged on their own counts).
          ...detectConversionVelocity(
            velocity,
            this.#settingsOf(order.program_id).maxConversionsPerHour,
          ),
        ];
        // Each flag is the order's (its click is named for the evidence): one per detector.
        flags += await t.violations.insertMany(
          found.map((flag) => ({
            ...this.#violation(flag, click, order.publisher_id!, nowMs),
            order_id: order.id,
          })),
        );
        holds.push({
          programId: order.program_id,
          orderNumber: order.order_number,
          orderId: order.id,
          clickId: click.id,
        });
      }
      // An open flag the program holds for (an email click without an approved mailing,
      // AE-P1; cookie stuffing, paid search, click velocity, self-purchase, AE-P2/P4) on the
      // order's click or the order itself holds it for review. Orders are locked in the order
      // recorder's lock order (program, order number): a report batch locking the same orders
      // waits for this scan, or this scan for it, and neither is aborted as a deadlock.
      for (const order of holds.sort(compareOrderLockKeys)) {
        const holding = await openHoldingFlag(
          t,
          holdingDetectors(this.#settingsOf(order.programId)),
          { clickId: order.clickId, orderId: order.orderId },
        );
        if (holding !== undefined) await this.#hold(t, order.orderId, holding, nowMs);
      }
      const last = orders.length === limit ? orders[orders.length - 1]! : undefined;
      const moved = await watermarks.moveCursor('compliance_orders', cursor, {
        at: last?.created_at ?? to,
        afterId: last?.id ?? null,
      });
      if (!moved) throw new Error('another process scanned these orders first; rolled back');
      if (window !== undefined)
        carried = {
          ...window,
          upTo: { createdAt: last?.created_at ?? to, id: last?.id ?? null },
        };
      return { scanned: orders.length, flags };
    });
    this.#conversions = carried;
    return result;
  }

  async #hold(t: Repos, orderId: string, flag: { id: string; rule: string }, nowMs: number) {
    // Every change to one order's money is serialised on the order (reports, PATCH, validation).
    await t.orders.lockById(orderId);
    let held = 0;
    for (const commission of await t.commissions.ofOrder(orderId)) {
      // Money on an issued statement or paid is settled; a confirmed flag is enforced instead.
      // Declined money has nothing to hold (NET-R8).
      const suspended = decisionToSuspend(decidedCommission(commission));
      if (suspended === undefined || commission.statement_id !== null) continue;
      await changeCommission(
        t,
        commission,
        {
          kind: commission.kind as 'product' | 'bonus',
          amountMinor: commission.amount_minor,
          status: 'held',
          reason: POLICY_REVIEW,
          rule: flag.rule,
          // The decision the hold suspends, restored when the flag is dismissed (NET-R8).
          suspended,
        },
        { actor: 'compliance', nowMs, event: `violation ${flag.id}`, decidedBy: 'compliance' },
      );
      held += 1;
    }
    if (held === 0) return;
    await t.audit.record(
      {
        actor: 'compliance',
        action: 'order.held',
        subjectType: 'order',
        subjectId: orderId,
        details: { violationId: flag.id, rule: flag.rule },
      },
      nowMs,
    );
  }

  /** Hours of many clicks and no order per site (click bursts, 10c), once each hour is over. */
  async scanHours(nowMs: number): Promise<{ scanned: number; flags: number }> {
    return repos(this.store).transaction(async (t) => {
      const from = await this.#watermark(t, 'compliance_hours');
      // An hour is judged two hours after it ends: its clicks are rolled up by then.
      const to = Math.floor(nowMs / 3_600_000) - 2;
      if (to <= from) return { scanned: 0, flags: 0 };
      const start = from === 0 ? to - 24 : from;
      const hours = await t.rollups.siteHours(start, to);
      let flags = 0;
      for (const hour of hours) {
        const flag = detectBurst(
          { clicks: hour.clicks, orders: hour.orders },
          this.#settingsOf(hour.programId),
        );
        if (flag === undefined) continue;
        await t.violations.insert({
          id: newId('violation', nowMs),
          program_id: hour.programId,
          publisher_id: hour.publisherId,
          site_id: hour.siteId,
          click_id: null,
          order_id: null,
          rule: flag.rule,
          detector: flag.detector,
          severity: flag.severity,
          evidence: JSON.stringify({
            ...flag.evidence,
            hour: new Date(hour.hour * 3_600_000).toISOString(),
          }),
          status: 'open',
          created_at: nowMs,
        });
        flags += 1;
      }
      if (!(await t.watermarks.move('compliance_hours', from, to)))
        throw new Error('another process scanned these hours first; rolled back');
      return { scanned: hours.length, flags };
    });
  }
}

/** The keys an attributed order counts under for conversion velocity: click, IP hash, site. */
function conversionKeys(order: {
  program_id: string;
  click_id: number | null;
  site_id: string | null;
  ip_hash: string | null;
}): string[] {
  return [
    `click ${order.click_id}`,
    order.ip_hash === null ? '' : `ip ${order.program_id} ${order.ip_hash}`,
    `site ${order.program_id} ${order.site_id}`,
  ];
}

function addConversion(window: ConversionWindow, createdAt: number, keys: string[]): void {
  while (
    window.start < window.times.length &&
    window.times[window.start]! <= createdAt - CONVERSION_WINDOW_MS
  ) {
    for (const key of window.keys[window.start]!) {
      if (key === '') continue;
      const left = window.counts.get(key)! - 1;
      if (left === 0) window.counts.delete(key);
      else window.counts.set(key, left);
    }
    window.start += 1;
  }
  if (window.start > 1_000 && window.start > window.times.length / 2) {
    window.times.splice(0, window.start);
    window.keys.splice(0, window.start);
    window.start = 0;
  }
  window.times.push(createdAt);
  window.keys.push(keys);
  for (const key of keys) if (key !== '') window.counts.set(key, (window.counts.get(key) ?? 0) + 1);
}

/** Adds an order to the window; its conversions in the hour up to and including it. */
function countConversion(window: ConversionWindow, createdAt: number, keys: string[]) {
  addConversion(window, createdAt, keys);
  const [click, ip, site] = keys as [string, string, string];
  return {
    perClick: window.counts.get(click)!,
    perIp: ip === '' ? null : window.counts.get(ip)!,
    perSite: window.counts.get(site)!,
  };
}

/**
 * An open flag of a detector in `hold` on the order or on its click (a click detector's flag,
 * without an order), if any: while one is open the order stays held.
 */
export async function openHoldingFlag(
  t: Repos,
  hold: readonly string[],
  on: { clickId: number | null; orderId: string },
  except?: string,
): Promise<{ id: string; rule: string } | undefined> {
  if (hold.length === 0) return undefined;
  return t.violations.openOfDetectors(hold, on, except);
}
