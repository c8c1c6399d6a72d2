import type { Network } from '../server/network.js';
import { isoDateOfDayNumber } from '../domain/dates.js';
import { conversionRate } from '../domain/reports/performance.js';
import { epcText, percentText } from './report-figures.js';
import { dayRangeForm } from './day-range.js';
import {
  mainCurrency,
  mergeMoney,
  revenueCurrencyOf,
  type MoneyByCurrency,
} from '../domain/reports/money-by-currency.js';
import { minorUnitDigits } from '../domain/money/currencies.js';
import { html, trusted, type SafeHtml } from './html.js';
import { formatDate, formatMoney } from './format.js';

const DAY_MS = 86_400_000;
import { barLineChart } from './svg-chart.js';
import type { WebContext } from './web-context.js';

/**
 * The advertiser overview's performance: clicks, orders, revenue (order value), commission and
 * EPC of its programs over the days `range` (UTC day numbers, inclusive; the overview's form
 * chooses them, the last 30 days by default), as charts per day and a table per publisher site.
 * Declined orders count neither as orders nor in the commission. Money stays in its own
 * currency (one figure per currency, never summed across them).
 */
export async function advertiserPerformance(
  network: Network,
  context: WebContext,
  programIds: readonly string[],
  range: { from: number; to: number },
): Promise<SafeHtml> {
  const { t, locale } = context;
  const { from, to: today } = range;
  const programs = programIds.flatMap((id) => {
    const terms = network.cache.program(id)?.terms;
    return terms === undefined
      ? []
      : [{ id, currency: terms.currency, revenueCurrency: revenueCurrencyOf(terms.versions) }];
  });
  const { byDay, bySite, revenueIncomplete } = await network.reports.advertiserPerformance(
    programs,
    from,
    today,
  );
  const money = (minor: number, currency: string) =>
    formatMoney(minor, currency, locale, minorUnitDigits(currency));
  const moneys = (amounts: MoneyByCurrency) => {
    const entries = Object.entries(amounts);
    return entries.length === 0
      ? money(0, programs[0]?.currency ?? 'EUR')
      : entries.map(([currency, minor]) => money(minor, currency)).join(' · ');
  };
  const epc = (commission: MoneyByCurrency, clicks: number) => {
    const entries = Object.entries(commission);
    if (entries.length === 0 || clicks === 0) return '–';
    return entries
      .map(([currency, minor]) =>
        epcText(minor, clicks, currency, minorUnitDigits(currency), locale),
      )
      .join(' · ');
  };
  const days = new Map(byDay.map((row) => [Number(row.key), row]));
  let clicks = 0;
  let orders = 0;
  const commission: MoneyByCurrency = {};
  const revenue: MoneyByCurrency = {};
  for (const row of byDay) {
    clicks += row.clicks;
    orders += row.orders;
    mergeMoney(commission, row.commission);
    mergeMoney(revenue, row.revenue);
  }
  // Each chart draws its main currency (all of it, for the advertisers with one currency).
  const commissionCurrency = mainCurrency(commission) ?? programs[0]?.currency ?? 'EUR';
  const revenueCurrency = mainCurrency(revenue) ?? programs[0]?.revenueCurrency ?? 'EUR';
  const series = (bar: (day: number) => number, line: (day: number) => number) => {
    const points = [];
    for (let day = from; day <= today; day++)
      points.push({ label: isoDateOfDayNumber(day).slice(5), bar: bar(day), line: line(day) });
    return points;
  };
  const stat = (label: string, value: string) =>
    html`<div class="stat">
      <div class="value">${value}</div>
      <div class="label">${label}</div>
    </div>`;
  return html`<h2>
      ${t('advertiser.performance', {
        from: formatDate(from * DAY_MS, locale),
        to: formatDate(today * DAY_MS, locale),
      })}
    </h2>
    ${dayRangeForm(context, range)}
    <div class="grid">
      ${stat(t('publisher.clicks'), String(clicks))} ${stat(t('publisher.orders'), String(orders))}
      ${stat(t('advertiser.revenueTitle'), moneys(revenue))}
      ${stat(t('publisher.commission'), moneys(commission))}
      ${stat(t('publisher.conversionRate'), percentText(conversionRate(orders, clicks)))}
      ${stat('EPC', epc(commission, clicks))}
    </div>
    ${revenueIncomplete ? html`<p class="muted">${t('advertiser.revenueIncomplete')}</p>` : ''}
    ${trusted(
      barLineChart(
        series(
          (day) => days.get(day)?.clicks ?? 0,
          (day) => days.get(day)?.commission[commissionCurrency] ?? 0,
        ),
        {
          title: t('advertiser.performanceChart'),
          barLabel: t('publisher.clicksLegend'),
          lineLabel: t('publisher.commissionLegend'),
          formatLine: (minor) => money(minor, commissionCurrency),
        },
      ),
    )}
    ${trusted(
      barLineChart(
        series(
          (day) => days.get(day)?.orders ?? 0,
          (day) => days.get(day)?.revenue[revenueCurrency] ?? 0,
        ),
        {
          title: t('advertiser.revenueChart'),
          barLabel: t('advertiser.orders'),
          lineLabel: t('advertiser.revenue'),
          formatLine: (minor) => money(minor, revenueCurrency),
        },
      ),
    )}
    <h3>${t('advertiser.byPublisher')}</h3>
    ${
      bySite.length === 0
        ? html`<p class="muted">${t('advertiser.noTrafficYet')}</p>`
        : html`<table tabindex="0">
            <thead>
              <tr>
                <th>${t('advertiser.site')}</th>
                <th class="num">${t('publisher.clicks')}</th>
                <th class="num">${t('publisher.orders')}</th>
                <th class="num">${t('advertiser.revenueTitle')}</th>
                <th class="num">${t('publisher.commission')}</th>
                <th class="num">EPC</th>
              </tr>
            </thead>
            <tbody>
              ${bySite.map(
                (row) =>
                  html`<tr>
                    <td>${row.siteName}</td>
                    <td class="num">${row.clicks}</td>
                    <td class="num">${row.orders}</td>
                    <td class="num">${moneys(row.revenue)}</td>
                    <td class="num">${moneys(row.commission)}</td>
                    <td class="num">${epc(row.commission, row.clicks)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
}
