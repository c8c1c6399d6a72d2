import { explainReason } from '../domain/engine/reasons.js';
import { ERROR_CODES, type ErrorCode } from '../domain/error-codes.js';
import { reasonFactsOf } from '../domain/terms/compile-terms.js';
import { nameIn, versionInForce } from '../domain/terms/program-terms.js';
import type { Quote } from '../domain/engine/quote.js';
import type {
  IntegrationStatus,
  SeenReport,
  TestConversion,
} from '../services/integration-status-service.js';
import { KEEP } from '../services/integration-status-service.js';
import type { CachedProgram } from '../tracking/link-cache.js';
import { formatDate, formatRate } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import { refusalText } from './refusal-text.js';
import { statusBadge } from './status-badge.js';
import { pixelUrl, snippet, type TrackingFacts } from './tracking-guide.js';
import type { MessageKey } from './i18n.js';
import type { WebContext } from './web-context.js';

/** The category a test line without one is reported with (as the pixel does: pixel-report.ts). */
export const NO_CATEGORY = 'uncategorised';

/** When a report arrived, to the second (an integration is tried minute by minute). */
function when(context: WebContext, ms: number): string {
  return `${formatDate(ms, context.locale)} ${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/** A refusal or reason code in the reader's words. */
function reasonOf(context: WebContext, program: CachedProgram, report: SeenReport): string {
  if (report.code === null) return '';
  if (report.message !== null)
    return Object.hasOwn(ERROR_CODES, report.code)
      ? refusalText({ code: report.code as ErrorCode, message: report.message }, context.locale)
      : report.message;
  return explainReason(report.code, context.locale, reasonFactsOf(program.terms));
}

function reportList(
  context: WebContext,
  program: CachedProgram,
  reports: readonly SeenReport[],
  empty: MessageKey,
  cls: string,
): SafeHtml {
  if (reports.length === 0) return html`<p class="muted ${cls}">${context.t(empty)}</p>`;
  return html`<ul class="${cls}">
    ${reports.map(
      (report) =>
        html`<li>
          ${when(context, report.at)} ·
          ${context.t(`tracking.channel.${report.channel}` as MessageKey)}
          ${report.orderNumber === null ? '' : html` · <code>${report.orderNumber}</code>`}
          ${
            report.code === null
              ? ''
              : html` · <code>${report.code}</code>: ${reasonOf(context, program, report)}`
          }
        </li>`,
    )}
  </ul>`;
}

/** The last reports seen by pixel and API, and the refused ones with their reasons. */
export function integrationStatus(
  context: WebContext,
  program: CachedProgram,
  status: IntegrationStatus,
): SafeHtml {
  return html`<section class="card" id="status">
    <h2>${context.t('tracking.statusTitle')}</h2>
    <p class="muted">${context.t('tracking.statusIntro', { max: KEEP.refused })}</p>
    <h3>${context.t('tracking.lastPixel')}</h3>
    ${reportList(context, program, status.pixel, 'tracking.noneSeen', 'seen-pixel')}
    <h3>${context.t('tracking.lastApi')}</h3>
    ${reportList(context, program, status.api, 'tracking.noneSeen', 'seen-api')}
    <h3>${context.t('tracking.refusedReports')}</h3>
    ${reportList(context, program, status.refused, 'tracking.noneRefused', 'refused-reports')}
  </section>`;
}

/**
 * The commission group a line was priced in (AE-C1), named in the reader's language: the last
 * group of a version takes every line whose category no other group lists, or that has none,
 * and the words say so (a line without a category is priced there, not in the first group).
 */
export function groupWords(
  context: WebContext,
  program: CachedProgram,
  versionId: string,
  groupId: string,
): string {
  const version = program.terms.versions.find((v) => v.id === versionId);
  const group = groupName(context, program, versionId, groupId);
  const catchAll = version !== undefined && version.groups.at(-1)?.id === groupId;
  return context.t(catchAll ? 'tracking.lineCatchAll' : 'tracking.lineGroup', { group });
}

/** A commission group's name in the reader's language (its id if the version is gone). */
function groupName(
  context: WebContext,
  program: CachedProgram,
  versionId: string,
  groupId: string,
): string {
  const file = program.terms.file.versions.find((v) => v.id === versionId);
  const named = file?.commission.groups.find((g) => g.id === groupId);
  return nameIn(named?.name ?? groupId, context.locale);
}

/** A test order's quote in words: each line with its group and rule, the order's reasons, the total. */
function explained(context: WebContext, program: CachedProgram, quote: Quote): SafeHtml {
  const facts = reasonFactsOf(program.terms);
  const words = (codes: readonly string[]) =>
    codes.map((code) => explainReason(code, context.locale, facts)).join('; ');
  return html`<ul>
    ${quote.lines.map(
      (line) =>
        html`<li>
          ${context.t('tracking.line', {
            sku: line.sku,
            base: `${line.base} ${quote.currency}`,
            rate: formatRate(line.rate, context.locale),
            commission: `${line.commission} ${quote.currency}`,
            rule: line.rule,
          })}
          · ${groupWords(context, program, quote.termsVersion, line.group)}:
          ${line.reasons.length === 0 ? context.t('tracking.lineEarns') : words(line.reasons)}
        </li>`,
    )}
    ${
      quote.reasons.length === 0
        ? ''
        : html`<li>${context.t('tracking.orderReasons', { reasons: words(quote.reasons) })}</li>`
    }
    ${
      quote.newBuyerBonus !== '0' && Number(quote.newBuyerBonus) !== 0
        ? html`<li>
            ${context.t('tracking.bonus', {
              bonus: `${quote.newBuyerBonus} ${program.terms.currency}`,
            })}
          </li>`
        : ''
    }
  </ul>`;
}

/** The test conversion tool: a test click to use, a test order from here, and what arrived. */
export function testConversions(
  context: WebContext,
  facts: TrackingFacts,
  tests: readonly TestConversion[],
  admin: boolean,
): SafeHtml {
  const { program } = facts;
  const landing = new URL(program.landingUrl);
  landing.searchParams.set('tduid', facts.testClick);
  const events = [...program.terms.events.values()];
  const current = versionInForce(program.terms, context.now) ?? program.terms.versions[0];
  const categories = [
    ...new Set(current?.groups.flatMap((group) => [...(group.categories ?? [])]) ?? []),
  ];
  return html`<section class="card" id="test">
    <h2>${context.t('tracking.testTitle')}</h2>
    <p>${context.t('tracking.testIntro')}</p>
    ${
      admin
        ? ''
        : html`<dl class="facts test-click">
              <dt>${context.t('tracking.testClickId')}</dt>
              <dd><code class="test-click-id">${facts.testClick}</code></dd>
              <dt>${context.t('tracking.testLanding')}</dt>
              <dd><code>${landing.toString()}</code></dd>
            </dl>
            <p>${context.t('tracking.testPixel')}:</p>
            ${snippet(
              pixelUrl(facts, {
                tduid: facts.testClick,
                checksum: program.checksumSecret !== null,
              }),
            )}
            <form
              method="post"
              action="/advertiser/tracking/${program.id}/test-order"
              class="stack test-order"
            >
              ${csrfField(context)}
              <label
                >${context.t('tracking.testOrderValue', { currency: facts.currency })}
                <input name="orderValue" value="100.00" inputmode="decimal" required
              /></label>
              ${
                events.length === 0
                  ? ''
                  : html`<label
                      >${context.t('tracking.testEvent')}
                      <select name="event">
                        ${events.map(
                          (event) =>
                            html`<option value="${event.id}">
                              ${event.id} · ${event.name}
                              (${context.t(event.kind === 'sale' ? 'programs.typeSale' : 'programs.typeLead')})
                            </option>`,
                        )}
                      </select></label
                    >`
              }
              <label
                >${context.t('tracking.testCategory')}
                <select name="category">
                  <option value="">
                    ${context.t('tracking.testNoCategory', {
                      group:
                        current === undefined
                          ? ''
                          : groupName(context, program, current.id, current.groups.at(-1)!.id),
                    })}
                  </option>
                  ${categories.map((category) => html`<option value="${category}">${category}</option>`)}
                </select></label
              >
              <div>
                <button type="submit">${context.t('tracking.sendTestOrder')}</button>
              </div>
            </form>`
    }
    <h3>${context.t('tracking.testOrders')}</h3>
    ${
      tests.length === 0
        ? html`<p class="muted">${context.t('tracking.noTests')}</p>`
        : html`<ul class="test-orders">
            ${tests.map(
              (test) =>
                html`<li>
                  ${when(context, test.at)} ·
                  ${context.t(`tracking.channel.${test.channel}` as MessageKey)} ·
                  <code>${test.orderNumber ?? ''}</code> ·
                  ${statusBadge(test.quote.status, context.locale)}
                  ${context.t('tracking.commission')}:
                  <strong
                    >${
                      test.quote.total === null
                        ? context.t('tracking.held')
                        : `${test.quote.total} ${program.terms.currency}`
                    }</strong
                  >
                  <div>${context.t('tracking.explanation')}:</div>
                  ${explained(context, program, test.quote)}
                </li>`,
            )}
          </ul>`
    }
  </section>`;
}
