import type { Network } from '../server/network.js';
import { isoDateOfDayNumber, utcDayNumber } from '../domain/dates.js';
import { conversionRate, earningsPerClick } from '../domain/reports/performance.js';
import { html, trusted, type SafeHtml } from './html.js';
import { formatMoney } from './format.js';
import { barLineChart } from './svg-chart.js';
import type { WebContext } from './web-context.js';

const DAYS = 30;

/**
 * The advertiser overview's performance: clicks, orders, commission and EPC of its programs
 * over the last 30 days, as a chart per day and a table per publisher site.
 */
export async function advertiserPerformance(
  network: Network,
  context: WebContext,
  programIds: readonly string[],
): Promise<SafeHtml> {
  const { t, locale } = context;
  const today = utcDayNumber(context.now);
  const from = today - DAYS + 1;
  const { byDay, bySite } = await network.reports.advertiserPerformance(programIds, from, today);
  const money = (minor: number) => formatMoney(minor, 'EUR', locale);
  const days = new Map(byDay.map((row) => [Number(row.key), row]));
  const points = [];
  let clicks = 0;
  let orders = 0;
  let commission = 0;
  for (let day = from; day <= today; day++) {
    const row = days.get(day);
    clicks += row?.clicks ?? 0;
    orders += row?.orders ?? 0;
    commission += row?.commissionMinor ?? 0;
    points.push({
      label: isoDateOfDayNumber(day).slice(5),
      bar: row?.clicks ?? 0,
      line: row?.commissionMinor ?? 0,
    });
  }
  const epc = (minor: number, count: number) => {
    const value = earningsPerClick(minor, count, 2);
    return value === null ? '–' : `EUR ${value}`;
  };
  const percent = (value: string | null) =>
    value === null ? '–' : `${(Number(value) * 100).toFixed(2)}%`;
  const stat = (label: string, value: string) =>
    html`<div class="stat">
      <div class="value">${value}</div>
      <div class="label">${label}</div>
    </div>`;
  return html`<h2>${t('advertiser.performance', { days: DAYS })}</h2>
    <div class="grid">
      ${stat(t('publisher.clicks'), String(clicks))} ${stat(t('publisher.orders'), String(orders))}
      ${stat(t('publisher.commission'), money(commission))}
      ${stat(t('publisher.conversionRate'), percent(conversionRate(orders, clicks)))}
      ${stat('EPC', epc(commission, clicks))}
    </div>
    ${trusted(
      barLineChart(points, {
        title: t('advertiser.performanceChart'),
        barLabel: t('publisher.clicks2'),
        lineLabel: t('publisher.commission2'),
        formatLine: money,
      }),
    )}
    <h3>${t('advertiser.byPublisher')}</h3>
    ${
      bySite.length === 0
        ? html`<p class="muted">${t('advertiser.noTrafficYet')}</p>`
        : html`<table>
            <thead>
              <tr>
                <th>${t('advertiser.site')}</th>
                <th class="num">${t('publisher.clicks')}</th>
                <th class="num">${t('publisher.orders')}</th>
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
                    <td class="num">${money(row.commissionMinor)}</td>
                    <td class="num">${epc(row.commissionMinor, row.clicks)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
}
