import { PROMOTION_KINDS } from '../domain/promotions/promotions.js';
import type { DomainError, Issue } from '../domain/errors.js';
import type { MessageKey } from './i18n.js';
import { html, type SafeHtml } from './html.js';
import { csrfField, notice } from './layout.js';
import { refusalText } from './refusal-text.js';
import type { WebContext } from './web-context.js';

/** A program's deep-link rule, as the form explains and checks it. */
interface Deeplinking {
  allowed: boolean;
  domains: readonly string[];
}

/**
 * The form's field named by an issue: the form's own (startsOn) or the API's the service
 * checks (startsAt), each with the label the reader sees.
 */
const FIELD_OF: Readonly<Record<string, string>> = {
  titleNl: 'titleNl',
  titleEn: 'titleEn',
  descriptionNl: 'descriptionNl',
  descriptionEn: 'descriptionEn',
  'title.nl': 'titleNl',
  'title.en': 'titleEn',
  'description.nl': 'descriptionNl',
  'description.en': 'descriptionEn',
  url: 'url',
  kind: 'kind',
  code: 'code',
  exclusiveSiteId: 'exclusiveSiteId',
  startsOn: 'startsOn',
  startsAt: 'startsOn',
  endsOn: 'endsOn',
  endsAt: 'endsOn',
};

const LABEL: Readonly<Record<string, MessageKey>> = {
  titleNl: 'promotions.titleNl',
  titleEn: 'promotions.titleEn',
  descriptionNl: 'promotions.descriptionNl',
  descriptionEn: 'promotions.descriptionEn',
  url: 'promotions.page',
  kind: 'promotions.kind',
  code: 'promotions.voucherCode',
  exclusiveSiteId: 'promotions.exclusive',
  startsOn: 'promotions.startsOn',
  endsOn: 'promotions.endsOn',
};

const fieldId = (field: string) => `promotion-${field}`;

/** What to fix in a field, in the reader's language. */
function problemOf(
  context: WebContext,
  field: string,
  issue: Issue,
  refusal: DomainError,
  deeplinking: Deeplinking,
): string {
  const t = context.t;
  if (refusal.code === 'voucher_code_taken')
    return t('promotions.problem.codeTaken', { code: String(refusal.values.code ?? '') });
  switch (field) {
    case 'titleNl':
    case 'titleEn':
      return t('promotions.problem.title');
    case 'descriptionNl':
    case 'descriptionEn':
      return t('promotions.problem.description');
    case 'url':
      return deeplinking.allowed
        ? t('promotions.problem.url', { domains: deeplinking.domains.join(', ') })
        : t('promotions.problem.noDeeplinks');
    case 'kind':
      return t('promotions.problem.kind');
    case 'code':
      return t('promotions.problem.code');
    case 'exclusiveSiteId':
      return t('promotions.problem.exclusiveSite');
    case 'endsOn':
      if (issue.path === 'endsAt' && issue.message.startsWith('must be after'))
        return t('promotions.problem.endsBeforeStart');
      return t('promotions.problem.day');
    case 'startsOn':
      return t('promotions.problem.day');
    default:
      return issue.message;
  }
}

/**
 * A refused promotion, each field to fix named by its label in the reader's language (a link to
 * it) with what to fix; a refusal naming no field in the reader's words of its code.
 */
export function promotionRefusal(
  context: WebContext,
  refusal: DomainError,
  deeplinking: Deeplinking,
): SafeHtml {
  const named = refusal.issues.flatMap((issue) => {
    const field = FIELD_OF[issue.path];
    return field === undefined ? [] : [{ field, issue }];
  });
  if (named.length === 0) return notice('error', refusalText(refusal, context.locale));
  return notice(
    'error',
    html`${context.t('promotions.refused')}
      <ul>
        ${named.map(
          ({ field, issue }) =>
            html`<li>
              <a href="#${fieldId(field)}">${context.t(LABEL[field]!)}</a>:
              ${problemOf(context, field, issue, refusal, deeplinking)}
            </li>`,
        )}
      </ul>`,
  );
}

/** The new promotion form, with what was typed when a submit was refused. */
export function promotionForm(
  context: WebContext,
  action: string,
  deeplinking: Deeplinking,
  sites: readonly { siteId: string; siteName: string; publisherName: string }[],
  typed: Readonly<Record<string, string>>,
): SafeHtml {
  const t = context.t;
  const value = (name: string) => typed[name] ?? '';
  return html`<form method="post" action="${action}" class="stack">
    ${csrfField(context)}
    <label
      >${t('promotions.titleNl')}
      <input
        id="${fieldId('titleNl')}"
        name="titleNl"
        required
        maxlength="120"
        value="${value('titleNl')}"
    /></label>
    <label
      >${t('promotions.titleEn')}
      <input
        id="${fieldId('titleEn')}"
        name="titleEn"
        required
        maxlength="120"
        value="${value('titleEn')}"
    /></label>
    <label
      >${t('promotions.descriptionNl')}
      <textarea id="${fieldId('descriptionNl')}" name="descriptionNl" maxlength="1000">
${value('descriptionNl')}</textarea>
    </label>
    <label
      >${t('promotions.descriptionEn')}
      <textarea id="${fieldId('descriptionEn')}" name="descriptionEn" maxlength="1000">
${value('descriptionEn')}</textarea>
    </label>
    <label
      >${t('promotions.url', { domains: deeplinking.allowed ? deeplinking.domains.join(', ') : '—' })}
      <input
        id="${fieldId('url')}"
        name="url"
        type="url"
        value="${value('url')}"
        ${deeplinking.allowed ? '' : 'disabled'}
    /></label>
    <label
      >${t('promotions.kind')}
      <select id="${fieldId('kind')}" name="kind">
        ${PROMOTION_KINDS.map(
          (kind) =>
            html`<option value="${kind}" ${value('kind') === kind ? 'selected' : ''}>
              ${t(`promotions.kind.${kind}`)}
            </option>`,
        )}
      </select></label
    >
    <label
      >${t('promotions.code')}
      <input
        id="${fieldId('code')}"
        name="code"
        maxlength="40"
        autocomplete="off"
        value="${value('code')}"
    /></label>
    <label
      >${t('promotions.exclusive')}
      <select id="${fieldId('exclusiveSiteId')}" name="exclusiveSiteId">
        <option value="">${t('promotions.everyone')}</option>
        ${sites.map(
          (site) =>
            html`<option
              value="${site.siteId}"
              ${value('exclusiveSiteId') === site.siteId ? 'selected' : ''}
            >
              ${site.siteName} (${site.publisherName})
            </option>`,
        )}
      </select></label
    >
    <label
      >${t('promotions.startsOn')}
      <input
        id="${fieldId('startsOn')}"
        name="startsOn"
        type="date"
        required
        value="${value('startsOn')}"
    /></label>
    <label
      >${t('promotions.endsOn')}
      <input
        id="${fieldId('endsOn')}"
        name="endsOn"
        type="date"
        required
        value="${value('endsOn')}"
    /></label>
    <button type="submit">${t('promotions.publish')}</button>
  </form>`;
}
