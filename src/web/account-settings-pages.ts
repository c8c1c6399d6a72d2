import type { FastifyInstance } from 'fastify';
import type { Network } from '../server/network.js';
import { refuseUntilPasswordChanged, type ActiveSession } from '../auth/sessions.js';
import { HttpError } from '../http/http-errors.js';
import { REFUSED_REPORTS_ALERT } from '../domain/notifications/notification-kinds.js';
import { FEED_FAILURES_ALERT } from '../domain/feeds/feed-source-rules.js';
import { BODIES } from '../http/contracts/bodies.js';
import type { NotificationSwitch } from '../services/notification-preferences.js';
import { html, type SafeHtml } from './html.js';
import { csrfField, notice } from './layout.js';
import { answerForm, sendPage } from './respond.js';
import { parseForm } from './form-input.js';
import { webContext, type WebContext } from './web-context.js';

/** The signed-in user of any role, whose own settings these are. */
function signedIn(context: WebContext): ActiveSession {
  const session = context.session;
  if (session === undefined) throw new HttpError('login_required', 'log in to see this page');
  refuseUntilPasswordChanged(session);
  return session;
}

/**
 * The account's settings page (publishers and advertisers alike): which notification mails
 * the user receives, each switchable (issue 27, item 7), and the password. A user reads and
 * changes only their own switches.
 */
export function registerAccountSettingsPages(app: FastifyInstance, network: Network): void {
  const settingsPage = async (context: WebContext, session: ActiveSession, message?: SafeHtml) => {
    const switches = await network.notifications.preferences.of(session.user);
    const stored = await network.notifications.preferences.languageOf(session.user.id);
    const language = context.t(`notifications.language.${stored}`);
    return html`<h1>${context.t('notifications.settings')}</h1>
      ${message ?? ''}
      <section aria-labelledby="notifications">
        <h2 id="notifications">${context.t('notifications.title')}</h2>
        <p>${context.t('notifications.intro', { email: session.user.email, language })}</p>
        ${
          switches.length === 0
            ? html`<p>${context.t('notifications.none')}</p>`
            : html`<form method="post" action="/account/notifications" class="stack card">
                ${csrfField(context)} ${switches.map((one) => switchField(context, one))}
                <button type="submit">${context.t('notifications.save')}</button>
              </form>`
        }
      </section>
      <p><a href="/account/password">${context.t('account.chooseANewPassword')}</a></p>`;
  };

  app.get('/account', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const session = signedIn(context);
    return sendPage(
      reply,
      context,
      context.t('notifications.settings'),
      await settingsPage(context, session),
    );
  });

  app.post('/account/notifications', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const session = signedIn(context);
    return answerForm(
      network,
      reply,
      context,
      context.t('notifications.settings'),
      (message) => settingsPage(context, session, message),
      async () => {
        const { on } = parseForm(BODIES.notificationSwitches, request.body);
        await network.notifications.preferences.set(session.user, on, network.now());
        return notice('success', context.t('notifications.saved'));
      },
      '/account',
    );
  });
}

function switchField(context: WebContext, one: NotificationSwitch): SafeHtml {
  return html`<label
    ><input type="checkbox" name="on" value="${one.kind}" ${one.on ? html` checked` : ''} />
    <span
      >${context.t(`notifications.kind.${one.kind}`)}<br /><span class="muted"
        >${context.t(`notifications.kind.${one.kind}.hint`, {
          threshold: REFUSED_REPORTS_ALERT.threshold,
          failures: FEED_FAILURES_ALERT,
        })}</span
      ></span
    ></label
  >`;
}
