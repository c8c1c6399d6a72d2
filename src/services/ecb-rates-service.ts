import type { Gauge } from 'prom-client';
import type { Store } from '../storage/database.js';
import { dayNumberOfIsoDate, isoDateOfDayNumber, utcDayNumber } from '../domain/dates.js';
import { fetchEcbFile, type EcbFile } from '../fx/ecb-files.js';
import type { ConversionService } from './conversion-service.js';
import type { RateCache } from './rate-cache.js';
import { repos } from '../storage/repositories/repos.js';

/** What one fetch stored. */
export interface EcbFetchResult {
  url: string;
  rates: number;
  latestDate: string | undefined;
  repriced: { checked: number; released: number };
}

/**
 * The ECB's reference rates, fetched as the ECB publishes them (around 16:00 CET on working
 * days): a fetch stores the file's rates, reloads the engine's table and re-prices the orders
 * held for a missing rate (AE-C6). `due` says whether today's rates are still to be fetched.
 */
export class EcbRatesService {
  constructor(
    private readonly store: Store,
    private readonly rates: RateCache,
    private readonly conversions: ConversionService,
    private readonly options: {
      baseUrl: string;
      fetch?: typeof fetch;
      /** The date of the latest stored rate, as epoch seconds (affnet_fx_latest_rate_date). */
      latestGauge?: Gauge;
    },
  ) {}

  async fetchAndStore(file: EcbFile, actor: string, nowMs: number): Promise<EcbFetchResult> {
    const { url, table } = await fetchEcbFile(this.options.baseUrl, file, this.options.fetch);
    const repository = repos(this.store).rates;
    const rates = await repository.upsert(table.entries(), url, nowMs);
    await this.rates.refresh(nowMs);
    const repriced = await this.conversions.repriceHeld(actor, nowMs);
    const latestDate = await this.recordLatest();
    return { url, rates, latestDate, repriced };
  }

  /** Sets the gauge to the latest stored rate date; returns it. */
  async recordLatest(): Promise<string | undefined> {
    const latest = await repos(this.store).rates.latestDate();
    const day = latest === undefined ? undefined : dayNumberOfIsoDate(latest);
    if (day !== undefined) this.options.latestGauge?.set(day * 86_400);
    return latest;
  }

  /**
   * Whether today's rates are due: a weekday, after 15:30 UTC (the ECB publishes around 16:00
   * CET, 14:00–15:00 UTC), and no rate stored for today yet.
   */
  async due(nowMs: number): Promise<boolean> {
    const now = new Date(nowMs);
    const weekday = now.getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    if (now.getUTCHours() * 60 + now.getUTCMinutes() < 15 * 60 + 30) return false;
    const latest = await this.recordLatest();
    return latest === undefined || latest < isoDateOfDayNumber(utcDayNumber(nowMs));
  }
}
