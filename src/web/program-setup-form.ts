import {
  MAX_SETUP_GROUPS,
  MAX_SETUP_LEADS,
  SETUP_DEADLINE_RULES,
  SETUP_METHOD_STATUSES,
  SETUP_METHODS,
  SETUP_VOUCHER_MODES,
  type ProgramSetupInput,
  type SetupField,
  type SetupIssue,
} from '../domain/terms/program-setup.js';
import type { MessageKey } from '../i18n/catalogue.js';
import { methodWords } from '../i18n/words.js';
import { html, type SafeHtml } from './html.js';
import { csrfField, notice } from './layout.js';
import type { WebContext } from './web-context.js';
import { typedForm } from './form-input.js';

/**
 * The guided program setup form (issue 27, item 4): every field with its label, a hint with an
 * example, and, when refused, what to fix right under it (and in a list at the top linking to
 * it), in the reader's language; what was typed stays in the form.
 */

/** A problem the page adds to the form's own: the id is taken by a program. */
export type FormIssue =
  | SetupIssue
  | { field: 'id'; problem: 'taken'; index?: undefined }
  | {
      field: 'effectiveFrom';
      problem: 'date' | 'backdated';
      index?: undefined;
      values?: Record<string, string>;
    };

/** A live program's form: its id fixed, and the date changed rates take effect. */
export interface LiveEdit {
  effectiveFrom: string;
}

type FormField = SetupField | 'effectiveFrom';

/** The posted form as typed: repeated rows by position, each method's choice. */
export function setupFromForm(body: unknown): ProgramSetupInput {
  const form = typedForm(body);
  const one = (name: string) => {
    const value = form[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  const many = (name: string) => {
    const value = form[name];
    return (value === undefined ? [] : Array.isArray(value) ? value : [value]).slice(0, 100);
  };
  const rows = <T>(names: string[], make: (values: string[]) => T): T[] => {
    const lists = names.map(many);
    const count = Math.max(0, ...lists.map((list) => list.length));
    return Array.from({ length: count }, (_, index) => make(lists.map((l) => l[index] ?? '')));
  };
  return {
    id: one('id'),
    name: one('name'),
    company: one('company'),
    descriptionNl: one('descriptionNl'),
    descriptionEn: one('descriptionEn'),
    landingUrl: one('landingUrl'),
    deeplinkDomains: one('deeplinkDomains'),
    currencies: one('currencies'),
    categories: one('categories'),
    markets: one('markets'),
    groups: rows(
      ['groupNameNl', 'groupNameEn', 'groupRate', 'groupCategories'],
      ([nameNl = '', nameEn = '', rate = '', categories = '']) => ({
        nameNl,
        nameEn,
        rate,
        categories,
      }),
    ),
    leads: rows(['leadName', 'leadAmount'], ([name = '', amount = '']) => ({ name, amount })),
    cookieDays: one('cookieDays'),
    validationDays: one('validationDays'),
    atDeadline: one('atDeadline'),
    voucherCodes: one('voucherCodes'),
    methods: Object.fromEntries(SETUP_METHODS.map((method) => [method, one(`method_${method}`)])),
    acceptedNl: one('acceptedNl'),
    acceptedEn: one('acceptedEn'),
    contactName: one('contactName'),
    contactEmail: one('contactEmail'),
  };
}

const idOf = (field: FormField, index?: number) =>
  index === undefined ? `setup-${field}` : `setup-${field}-${index}`;

function problemText(context: WebContext, issue: FormIssue): string {
  const key: MessageKey = `programSetup.problem.${issue.problem as FormIssue['problem']}`;
  return context.t(key, 'values' in issue ? issue.values : undefined);
}

function labelOf(context: WebContext, field: FormField, index?: number): string {
  const label = context.t(`programSetup.field.${field}`);
  if (index === undefined) return label;
  const row = field.startsWith('lead') ? 'programSetup.lead' : 'programSetup.group';
  return `${context.t(row, { number: index + 1 })} · ${label}`;
}

/** The list of problems at the top, each a link to its field. */
function summary(context: WebContext, issues: readonly FormIssue[]): SafeHtml | string {
  if (issues.length === 0) return '';
  return notice(
    'error',
    html`${context.t('programSetup.refused')}
      <ul>
        ${issues.map(
          (issue) =>
            html`<li>
              <a href="#${idOf(issue.field, issue.index)}"
                >${labelOf(context, issue.field, issue.index)}</a
              >: ${problemText(context, issue)}
            </li>`,
        )}
      </ul>`,
  );
}

interface FieldOptions {
  index?: number;
  hint?: MessageKey;
  multiline?: boolean;
  type?: 'text' | 'url' | 'email' | 'number' | 'date';
  required?: boolean;
  /** The name posted (a row's fields repeat it). */
  name?: string;
  readonly?: boolean;
  inputmode?: 'decimal' | 'numeric';
}

/** One labelled field with its hint and, when refused, its problem. */
function field(
  context: WebContext,
  issues: readonly FormIssue[],
  name: FormField,
  value: string,
  options: FieldOptions = {},
): SafeHtml {
  const id = idOf(name, options.index);
  const problems = issues.filter((i) => i.field === name && i.index === options.index);
  const hintId = options.hint ? `${id}-hint` : '';
  const errorId = problems.length > 0 ? `${id}-error` : '';
  const described = [hintId, errorId].filter((x) => x !== '').join(' ');
  const attributes = html`id="${id}" name="${options.name ?? name}"
  ${described ? html` aria-describedby="${described}"` : ''}
  ${problems.length > 0 ? html` aria-invalid="true"` : ''}
  ${options.required ? html` required` : ''} ${options.readonly ? html` readonly` : ''}`;
  return html`<div class="field${problems.length > 0 ? ' invalid' : ''}">
    <label for="${id}">${context.t(`programSetup.field.${name}`)}</label>
    ${
      options.multiline
        ? html`<textarea ${attributes} rows="3">${value}</textarea>`
        : html`<input
            type="${options.type ?? 'text'}"
            ${attributes}
            value="${value}"
            ${options.inputmode ? html` inputmode="${options.inputmode}"` : ''}
          />`
    }
    ${options.hint ? html`<small id="${hintId}" class="muted">${context.t(options.hint)}</small>` : ''}
    ${problems.map((issue) => html`<p id="${errorId}" class="field-error">${problemText(context, issue)}</p>`)}
  </div>`;
}

/** A select of fixed choices, with its label and problem. */
function choice(
  context: WebContext,
  issues: readonly FormIssue[],
  name: string,
  id: string,
  label: string,
  value: string,
  options: readonly { value: string; text: string }[],
  problems: readonly FormIssue[],
): SafeHtml {
  const errorId = `${id}-error`;
  return html`<div class="field${problems.length > 0 ? ' invalid' : ''}">
    <label for="${id}">${label}</label>
    <select
      id="${id}"
      name="${name}"
      ${problems.length > 0 ? html` aria-invalid="true" aria-describedby="${errorId}"` : ''}
    >
      ${options.map((o) => html`<option value="${o.value}" ${o.value === value ? html` selected` : ''}>${o.text}</option>`)}
    </select>
    ${problems.map((issue) => html`<p id="${errorId}" class="field-error">${problemText(context, issue)}</p>`)}
  </div>`;
}

/**
 * The rows to show: those typed (without the empty ones at the end) and empty ones to fill in,
 * at least `least`, at most `most`.
 */
function withBlankRows<T extends Record<string, string>>(
  rows: readonly T[],
  blank: T,
  extra: number,
  least: number,
  most: number,
) {
  let typed = rows.length;
  while (typed > 0 && Object.values(rows[typed - 1]!).every((value) => value.trim() === ''))
    typed -= 1;
  const count = Math.min(most, Math.max(least, typed + extra));
  return Array.from({ length: count }, (_, index) => (index < typed ? rows[index]! : blank));
}

/** The whole guided form: sections, then preview, save as draft and submit. */
export function setupForm(
  context: WebContext,
  action: string,
  input: ProgramSetupInput,
  issues: readonly FormIssue[],
  live?: LiveEdit,
): SafeHtml {
  const f = (name: SetupField, options: FieldOptions = {}) =>
    field(context, issues, name, String(input[name as keyof ProgramSetupInput] ?? ''), options);
  const groups = withBlankRows(
    input.groups,
    { nameNl: '', nameEn: '', rate: '', categories: '' },
    1,
    2,
    MAX_SETUP_GROUPS,
  );
  const leads = withBlankRows(input.leads, { name: '', amount: '' }, 1, 1, MAX_SETUP_LEADS);
  const rowIssue = (name: SetupField) =>
    issues.filter((issue) => issue.field === name && issue.index === undefined);
  return html`${summary(context, issues)}
    <form method="post" action="${action}" class="card setup" novalidate>
      ${csrfField(context)}
      <fieldset>
        <legend>${context.t('programSetup.sectionProgram')}</legend>
        <div class="setup-grid">
          ${f('name', { required: true })}
          ${f('id', { hint: 'programSetup.hint.id', required: true, readonly: live !== undefined })}
          ${f('company', { hint: 'programSetup.hint.company', required: true })}
          ${f('landingUrl', { hint: 'programSetup.hint.landingUrl', type: 'url', required: true })}
          ${f('descriptionNl', { multiline: true, required: true })}
          ${f('descriptionEn', { multiline: true, required: true })}
          ${f('deeplinkDomains', { hint: 'programSetup.hint.deeplinkDomains' })}
          ${f('currencies', { hint: 'programSetup.hint.currencies', required: true })}
          ${f('categories', { hint: 'programSetup.hint.categories' })}
          ${f('markets', { hint: 'programSetup.hint.markets' })}
        </div>
      </fieldset>
      <fieldset id="${idOf('groups')}">
        <legend>${context.t('programSetup.sectionCommission')}</legend>
        <p class="muted">${context.t('programSetup.groupsIntro')}</p>
        ${
          live === undefined
            ? ''
            : field(context, issues, 'effectiveFrom', live.effectiveFrom, {
                type: 'date',
                hint: 'programSetup.hint.effectiveFrom',
                required: true,
              })
        }
        ${rowIssue('groups').map((issue) => html`<p class="field-error">${problemText(context, issue)}</p>`)}
        ${groups.map(
          (group, index) =>
            html`<fieldset class="setup-row">
              <legend>${context.t('programSetup.group', { number: index + 1 })}</legend>
              <div class="setup-grid">
                ${field(context, issues, 'groupNameNl', group.nameNl, { index })}
                ${field(context, issues, 'groupNameEn', group.nameEn, { index })}
                ${field(context, issues, 'groupRate', group.rate, {
                  index,
                  hint: 'programSetup.hint.groupRate',
                  inputmode: 'decimal',
                })}
                ${field(context, issues, 'groupCategories', group.categories, {
                  index,
                  hint: 'programSetup.hint.groupCategories',
                })}
              </div>
            </fieldset>`,
        )}
      </fieldset>
      <fieldset id="setup-vouchers">
        <legend>${context.t('programSetup.sectionVouchers')}</legend>
        <p class="muted">${context.t('programSetup.vouchersIntro')}</p>
        <ul class="muted">
          <li>${context.t('programSetup.vouchersNone')}</li>
          <li>${context.t('programSetup.vouchersFallback')}</li>
          <li>${context.t('programSetup.vouchersWins')}</li>
        </ul>
        ${choice(
          context,
          issues,
          'voucherCodes',
          idOf('voucherCodes'),
          context.t('programSetup.field.voucherCodes'),
          input.voucherCodes || 'none',
          SETUP_VOUCHER_MODES.map((mode) => ({
            value: mode,
            text: context.t(`programSetup.voucher.${mode}`),
          })),
          issues.filter((issue) => issue.field === 'voucherCodes'),
        )}
      </fieldset>
      <fieldset>
        <legend>${context.t('programSetup.sectionLeads')}</legend>
        <p class="muted">${context.t('programSetup.leadsIntro')}</p>
        ${rowIssue('leadName').map((issue) => html`<p class="field-error">${problemText(context, issue)}</p>`)}
        ${leads.map(
          (lead, index) =>
            html`<fieldset class="setup-row">
              <legend>${context.t('programSetup.lead', { number: index + 1 })}</legend>
              <div class="setup-grid">
                ${field(context, issues, 'leadName', lead.name, {
                  index,
                  hint: 'programSetup.hint.leadName',
                })}
                ${field(context, issues, 'leadAmount', lead.amount, { index, inputmode: 'decimal' })}
              </div>
            </fieldset>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${context.t('programSetup.sectionTracking')}</legend>
        <div class="setup-grid">
          ${f('cookieDays', { hint: 'programSetup.hint.cookieDays', inputmode: 'numeric', required: true })}
          ${f('validationDays', { hint: 'programSetup.hint.validationDays', inputmode: 'numeric' })}
          ${choice(
            context,
            issues,
            'atDeadline',
            idOf('atDeadline'),
            context.t('programSetup.field.atDeadline'),
            input.atDeadline,
            SETUP_DEADLINE_RULES.map((rule) => ({
              value: rule,
              text: context.t(`programSetup.deadline.${rule}`),
            })),
            issues.filter((issue) => issue.field === 'atDeadline'),
          )}
        </div>
      </fieldset>
      <fieldset id="${idOf('methods')}">
        <legend>${context.t('programSetup.sectionMethods')}</legend>
        <p class="muted">${context.t('programSetup.methodsIntro')}</p>
        <div class="setup-grid">
          ${SETUP_METHODS.map((method) =>
            choice(
              context,
              issues,
              `method_${method}`,
              `setup-method-${method}`,
              methodWords(method, context.locale),
              input.methods[method] ?? '',
              SETUP_METHOD_STATUSES.map((status) => ({
                value: status,
                text: context.t(`programSetup.method.${status === '' ? 'none' : status}`),
              })),
              issues.filter(
                (issue) =>
                  issue.field === 'methods' && 'values' in issue && issue.values?.value === method,
              ),
            ),
          )}
        </div>
        <div class="setup-grid">
          ${f('acceptedNl', { multiline: true, hint: 'programSetup.hint.accepted' })}
          ${f('acceptedEn', { multiline: true })}
        </div>
      </fieldset>
      <fieldset>
        <legend>${context.t('programSetup.sectionContact')}</legend>
        <div class="setup-grid">
          ${f('contactName', { hint: 'programSetup.hint.contactName' })}
          ${f('contactEmail', { type: 'email' })}
        </div>
      </fieldset>
      ${live === undefined ? setupButtons(context) : publishButtons(context)}
    </form>`;
}

/** Preview and save as draft (secondary), submit for the network's review (the main action). */
export function setupButtons(context: WebContext): SafeHtml {
  return html`<p class="actions">
    <button type="submit" name="action" value="preview" class="secondary">
      ${context.t('programSetup.preview')}
    </button>
    <button type="submit" name="action" value="draft" class="secondary">
      ${context.t('programSetup.draft')}
    </button>
    <button type="submit" name="action" value="create">${context.t('programSetup.create')}</button>
  </p>`;
}

/** A live program's edit: preview, then publish (a new version when the rates changed). */
function publishButtons(context: WebContext): SafeHtml {
  return html`<p class="actions">
    <button type="submit" name="action" value="preview" class="secondary">
      ${context.t('programSetup.preview')}
    </button>
    <button type="submit" name="action" value="publish">
      ${context.t('advertiserTerms.publish')}
    </button>
  </p>`;
}
