import type { CachedProgram } from '../tracking/link-cache.js';
import { checksumExample } from '../tracking/pixel-report.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { WebContext } from './web-context.js';
import type { MessageKey } from './i18n.js';

/** What the tracking page fills in for a program. */
export interface TrackingFacts {
  program: CachedProgram;
  name: string;
  /** The network's address as this viewer reaches it (PUBLIC_URL, else the request's origin). */
  base: string;
  /** The program's sale event id, if it declares events. */
  saleEvent: string | undefined;
  leadEvent: { id: string; name: string } | undefined;
  /** Every event as `id (name, kind)`. */
  events: string[];
  /** The currency of the examples (the program's first order currency). */
  currency: string;
  currencies: string[];
  /** A category the program's commission groups price, for the examples. */
  category: string;
  cookieDays: number;
  /** A fresh test click id of the program (nothing is stored until an order uses it). */
  testClick: string;
}

/** A code sample: wraps instead of widening the page (390 px), selectable as a whole. */
export function snippet(text: string): SafeHtml {
  return html`<pre
    class="snippet"
    style="white-space:pre-wrap;overflow-wrap:anywhere;background:#f8f9fa;padding:0.6rem;border-radius:6px"
  ><code>${text}</code></pre>`;
}

/** `/report?…` with the program's values and the order's placeholders. */
export function pixelUrl(
  facts: TrackingFacts,
  fields: { tduid?: string; number?: [string, string]; checksum?: boolean } = {},
): string {
  const [name, value] = fields.number ?? ['orderNumber', 'ORDER_NUMBER'];
  const lead = name === 'leadNumber';
  const event = lead ? facts.leadEvent?.id : facts.saleEvent;
  const parts = [
    `organization=${facts.program.id}`,
    ...(event === undefined ? [] : [`event=${encodeURIComponent(event)}`]),
    `${name}=${value}`,
    ...(lead ? [] : ['orderValue=ORDER_VALUE', `currency=${facts.currency}`]),
    `tduid=${fields.tduid ?? 'TDUID'}`,
    ...(fields.checksum ? ['checksum=CHECKSUM'] : []),
  ];
  return `${facts.base}/report?${parts.join('&')}`;
}

/** The refusals a developer meets: code, what the sender gets, and why. */
const REFUSALS: readonly [string, 'stored' | 'waits' | number][] = [
  ['checksum_mismatch', 'stored'],
  ['lines_value_mismatch', 'stored'],
  ['unknown_event', 'stored'],
  ['lead_unverified', 'stored'],
  ['unsigned_fields', 'waits'],
  ['invalid_parameter', 400],
  ['invalid_order', 400],
  ['invalid_click_id', 400],
  ['report_refused', 409],
  ['program_not_approved', 409],
];

/** The five steps of the integration, with this program's values filled in. */
export function trackingGuide(context: WebContext, facts: TrackingFacts, admin: boolean): SafeHtml {
  const { program, base } = facts;
  const secret = program.checksumSecret !== null;
  const tag = `<script src="/affnet.js" data-network="${base}" data-days="${facts.cookieDays}"></script>`;
  const conversion = `<script>
  affnet.conversion({
    organization: '${program.id}',${facts.saleEvent === undefined ? '' : `\n    event: '${facts.saleEvent}',`}
    orderNumber: 'ORDER_NUMBER',
    orderValue: 'ORDER_VALUE',
    currency: '${facts.currency}',${secret ? "\n    checksum: 'CHECKSUM', // computed by your server" : ''}
  });
</script>`;
  const order = {
    orderNumber: 'ORDER-1001',
    placedAt: new Date(context.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    currency: facts.currency,
    status: 'pending',
    clickId: 'TDUID',
    ...(facts.saleEvent === undefined ? {} : { event: facts.saleEvent }),
    items: [
      {
        sku: 'SKU-1',
        name: 'Product',
        category: facts.category,
        unitPrice: '249.95',
        quantity: 1,
      },
    ],
  };
  const orders = `${base}/api/v1/programs/${program.id}/orders`;
  const curl = `curl -X POST ${orders} \\
  -H 'authorization: Bearer ak_YOUR_API_KEY' \\
  -H 'content-type: application/json' \\
  -d '${JSON.stringify(order)}'`;
  const update = `curl -X PATCH ${orders}/ORDER-1001 \\
  -H 'authorization: Bearer ak_YOUR_API_KEY' \\
  -H 'content-type: application/json' \\
  -d '{"status":"completed"}'`;
  const param = (name: string, key: MessageKey, values?: Record<string, string>) =>
    html`<dt><code>${name}</code></dt>
      <dd>${context.t(key, values)}</dd>`;
  return html`<section class="card" id="landing">
      <h2>${context.t('tracking.landingTitle')}</h2>
      <p>${context.t('tracking.landingIntro', { landingUrl: program.landingUrl })}</p>
      ${snippet(tag)}
      <p>
        ${context.t('tracking.scriptFrom', { url: '' })}<a href="/tracking/first-party.js"
          >${base}/tracking/first-party.js</a
        >
      </p>
    </section>
    <section class="card" id="pixel">
      <h2>${context.t('tracking.pixelTitle')}</h2>
      <p>${context.t('tracking.pixelIntro')}</p>
      <p>${context.t('tracking.pixelScript')}</p>
      ${snippet(conversion)}
      <p>${context.t('tracking.pixelImage')}</p>
      ${snippet(`<img src="${pixelUrl(facts, { checksum: secret })}" width="1" height="1" alt="">`)}
      ${
        facts.leadEvent === undefined
          ? ''
          : html`<p>
                ${context.t('tracking.leadIntro', {
                  event: facts.leadEvent.id,
                  name: facts.leadEvent.name,
                })}
              </p>
              ${snippet(
                pixelUrl(facts, { number: ['leadNumber', 'LEAD_NUMBER'], checksum: true }),
              )}`
      }
      <h3>${context.t('tracking.parameters')}</h3>
      <dl class="facts">
        ${param('organization', 'tracking.param.organization')}
        ${
          facts.events.length > 0
            ? param('event', 'tracking.param.event', { events: facts.events.join(', ') })
            : param('event', 'tracking.param.eventNone')
        }
        ${param('orderNumber', 'tracking.param.orderNumber')}
        ${param('orderValue', 'tracking.param.orderValue')}
        ${param('currency', 'tracking.param.currency', { currencies: facts.currencies.join(', ') })}
        ${param('tduid', 'tracking.param.tduid')}
        ${param('reportInfo', 'tracking.param.reportInfo')}
        ${param('voucher', 'tracking.param.voucher')}
        ${param('checksum', 'tracking.param.checksum')}
      </dl>
    </section>
    <section class="card" id="api">
      <h2>${context.t('tracking.apiTitle')}</h2>
      <p>${context.t('tracking.apiIntro')}</p>
      ${admin ? '' : html`<p><a href="/advertiser/keys">${context.t('tracking.apiKeys')}</a></p>`}
      ${snippet(curl)} ${snippet(JSON.stringify(order, null, 2))}
      <p>${context.t('tracking.apiUpdate')}</p>
      ${snippet(update)}
    </section>
    ${checksumSection(context, facts, admin)}
    <section class="card" id="refusals">
      <h2>${context.t('tracking.refusalsTitle')}</h2>
      <p>${context.t('tracking.refusalsIntro')}</p>
      <dl class="facts">
        ${REFUSALS.map(
          ([code, answer]) =>
            html`<dt><code>${code}</code></dt>
              <dd>
                <strong
                  >${
                    answer === 'stored'
                      ? context.t('tracking.storedNoCommission')
                      : answer === 'waits'
                        ? context.t('tracking.waits')
                        : String(answer)
                  }</strong
                >
                · ${context.t(`tracking.refuse.${code}` as MessageKey)}
              </dd>`,
        )}
      </dl>
    </section>`;
}

/** The checksum: the secret's state and form, the recipe, and a worked example. */
function checksumSection(context: WebContext, facts: TrackingFacts, admin: boolean): SafeHtml {
  const secret = facts.program.checksumSecret;
  const example = checksumExample(secret ?? 's3cr3t-example', {
    currency: facts.currency,
    event: facts.saleEvent ?? '',
  });
  const text = example.signedText;
  const recipe = `# v04
printf '%s' "$SECRET${example.orderNumber}${example.orderValue}" | md5sum        # v04 + the hex
# v05
printf '${text.replace(/\n/g, '\\n')}' | openssl dgst -sha256 -hmac "$SECRET"   # v05 + the hex
# PHP
$v04 = 'v04' . md5($secret . $orderNumber . $orderValue);
$v05 = 'v05' . hash_hmac('sha256', $text, $secret);`;
  return html`<section class="card" id="checksum">
    <h2>${context.t('tracking.checksumTitle')}</h2>
    <p>${context.t(secret === null ? 'checksum.notSet' : 'checksum.isSet')}</p>
    ${
      admin
        ? ''
        : html`<form
            method="post"
            action="/advertiser/tracking/${facts.program.id}/checksum-secret"
            class="checksum-secret"
          >
            ${csrfField(context)}
            <button
              type="submit"
              name="action"
              value="generate"
              ${secret === null ? '' : html` class="secondary"`}
            >
              ${context.t(secret === null ? 'checksum.generate' : 'checksum.rotate')}
            </button>
            ${
              secret === null
                ? ''
                : html`<button type="submit" name="action" value="remove" class="secondary">
                    ${context.t('checksum.remove')}
                  </button>`
            }
          </form>`
    }
    <p>${context.t('tracking.checksumHow')}</p>
    <p><strong>${context.t('tracking.checksumNever')}</strong></p>
    <h3>${context.t(secret === null ? 'tracking.workedExampleNone' : 'tracking.workedExample')}</h3>
    ${secret === null ? '' : html`<p>${context.t('tracking.workedExampleIntro')}</p>`}
    <dl class="facts worked-example">
      <dt><code>orderNumber</code></dt>
      <dd><code>${example.orderNumber}</code></dd>
      <dt><code>orderValue</code></dt>
      <dd><code>${example.orderValue}</code></dd>
      <dt><code>currency</code></dt>
      <dd><code>${example.currency}</code></dd>
      <dt><code>event</code></dt>
      <dd><code>${example.event}</code></dd>
      <dt>v04</dt>
      <dd><code class="checksum-v04">${example.checksum}</code></dd>
      <dt>v05</dt>
      <dd><code class="checksum-v05">${example.fullChecksum}</code></dd>
    </dl>
    <p>${context.t('tracking.signedText')}</p>
    ${snippet(text)} ${snippet(recipe)}
  </section>`;
}
