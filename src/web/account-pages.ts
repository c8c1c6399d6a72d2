import { LIMITS } from '../http/rate-limits.js';
import type { FastifyInstance } from 'fastify';
import { refusalText } from './refusal-text.js';
import { signupRefusalText } from './signup-refusal.js';
import type { Network } from '../server/network.js';
import { DomainError } from '../domain/errors.js';
import { PROMOTION_METHODS } from '../services/accounts-service.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { html, type SafeHtml } from './html.js';
import {
  mailLinkBase,
  field,
  fields,
  redirectAfterPost,
  sendPage,
  startSession,
  type Form,
} from './respond.js';
import { z } from 'zod';
import { BODIES } from '../http/contracts/bodies.js';
import { setFlash } from './flash.js';
import {
  parseForm,
  parseParams,
  parseQuery,
  pathIds,
  typedForm,
  typedValues,
} from './form-input.js';

import { csrfField, notice } from './layout.js';
import { methodWords } from '../i18n/words.js';
import { clearSessionCookie, webContext, type WebContext } from './web-context.js';

/** Where a user lands after login: their own part of the portal. */
export function homeOf(role: string): string {
  return role === 'admin' ? '/admin' : role === 'advertiser' ? '/advertiser' : '/publisher';
}

/** A new password (sign-up, reset): at least 10 characters, as the services require. */
function newPasswordField(context: WebContext, name = 'password') {
  return html`<label
    >${context.t('signup.password')}
    <input type="password" name="${name}" required minlength="10" autocomplete="new-password"
  /></label>`;
}

/** Login, logout, the three-step sign-up (AE-S1), activation and password reset. */
export function registerAccountPages(app: FastifyInstance, network: Network): void {
  const loginForm = (context: WebContext, email = '', error?: string) =>
    html`<h1>${context.t('login.title')}</h1>
      ${error ? notice('error', error) : ''}
      <form method="post" action="/login" class="stack card">
        ${csrfField(context)}
        <label
          >${context.t('login.email')}
          <input type="email" name="email" value="${email}" required autocomplete="username"
        /></label>
        <label
          >${context.t('login.password')}
          <input type="password" name="password" required autocomplete="current-password"
        /></label>
        <button type="submit">${context.t('login.submit')}</button>
        <a href="/password-reset">${context.t('login.forgot')}</a>
      </form>`;

  app.get('/login', async (request, reply) => {
    const context = await webContext(network, request, reply);
    if (context.session) return reply.redirect(homeOf(context.session.user.role));
    return sendPage(reply, context, context.t('login.title'), loginForm(context));
  });

  app.post('/login', LIMITS.login, async (request, reply) => {
    const context = await webContext(network, request, reply);
    // A refused login changes nothing: the form again (401/403/400), with the address typed.
    const typedEmail = typedValues(request.body).email ?? '';
    let user;
    try {
      const { email, password } = parseForm(BODIES.login, request.body);
      user = await network.passwords.login(email, password);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return sendPage(
        reply,
        context,
        context.t('login.title'),
        loginForm(context, typedEmail, refusalText(error, context.locale)),
        error.code === 'invalid_body' ? 400 : 403,
      );
    }
    if (user === undefined)
      return sendPage(
        reply,
        context,
        context.t('login.title'),
        loginForm(context, typedEmail, context.t('login.failed')),
        401,
      );
    await startSession(network, request, reply, user.id);
    return reply.redirect(user.mustChangePassword ? '/account/password' : homeOf(user.role), 303);
  });

  const passwordForm = (context: WebContext, error?: string) =>
    html`<h1>${context.t('account.chooseANewPassword')}</h1>
      ${
        context.session?.user.mustChangePassword
          ? notice('warning', context.t('account.youLoggedInWithA'))
          : ''
      }
      ${error ? notice('error', error) : ''}
      <form method="post" action="/account/password" class="stack card">
        ${csrfField(context)}
        <label
          >${context.t('account.currentPassword')}
          <input type="password" name="currentPassword" required autocomplete="current-password"
        /></label>
        ${newPasswordField(context, 'newPassword')}
        <button type="submit">${context.t('account.saveTheNewPassword')}</button>
      </form>`;

  app.get('/account/password', async (request, reply) => {
    const context = await webContext(network, request, reply);
    if (!context.session) return reply.redirect('/login', 303);
    return sendPage(reply, context, context.t('account.password'), passwordForm(context));
  });

  app.post('/account/password', LIMITS.password, async (request, reply) => {
    const context = await webContext(network, request, reply);
    const session = context.session;
    if (!session) return reply.redirect('/login', 303);
    try {
      const form = parseForm(BODIES.passwordChange, request.body);
      await network.passwords.changePassword(
        session.user.id,
        form.currentPassword,
        form.newPassword,
        session.id,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return sendPage(
        reply,
        context,
        context.t('account.password'),
        passwordForm(context, refusalText(error, context.locale)),
        400,
      );
    }
    return redirectAfterPost(
      network,
      reply,
      homeOf(session.user.role),
      notice('success', context.t('account.passwordChanged')),
    );
  });

  app.post('/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await network.sessions.destroy(token);
    clearSessionCookie(request, reply);
    return reply.redirect('/programs', 303);
  });

  const stepOne = (context: WebContext, email = '', error?: string, program = '') =>
    html`<h1>${context.t('signup.title')}</h1>
      <p class="muted">${context.t('signup.step', { n: 1 })}</p>
      ${error ? notice('error', error) : ''}
      <form method="post" action="/signup" class="stack card">
        ${csrfField(context)}
        <input type="hidden" name="program" value="${program}" />
        <label
          >${context.t('signup.email')}
          <input type="email" name="email" value="${email}" required autocomplete="email"
        /></label>
        <button type="submit">${context.t('signup.continue')}</button>
      </form>`;

  const stepTwo = (context: WebContext, form: Form, error?: string) => {
    const chosen = new Set(fields(form, 'promotionMethods'));
    return html`<h1>${context.t('signup.title')}</h1>
      <p class="muted">${context.t('signup.step', { n: 2 })}</p>
      ${error ? notice('error', error) : ''}
      <form method="post" action="/signup/details" class="stack card">
        ${csrfField(context)}
        <input type="hidden" name="program" value="${field(form, 'program')}" />
        <label
          >${context.t('signup.email')}
          <input type="email" name="email" value="${field(form, 'email')}" readonly
        /></label>
        <label
          >${context.t('signup.website')}
          <input
            type="url"
            name="siteUrl"
            value="${field(form, 'siteUrl')}"
            required
            placeholder="https://"
        /></label>
        <label
          >${context.t('signup.siteName')}
          <input name="siteName" value="${field(form, 'siteName')}" required
        /></label>
        <label
          >${context.t('signup.name')}
          <input name="name" value="${field(form, 'name')}" required autocomplete="name"
        /></label>
        <label
          >${context.t('signup.company')}
          <input name="company" value="${field(form, 'company')}" autocomplete="organization"
        /></label>
        <label
          >${context.t('signup.country')}
          <input
            name="country"
            value="${field(form, 'country') || (context.locale === 'nl' ? 'NL' : '')}"
            required
            maxlength="2"
        /></label>
        <label
          >${context.t('signup.vat')} <input name="vatNumber" value="${field(form, 'vatNumber')}"
        /></label>
        <label
          >${context.t('signup.iban')} <input name="iban" value="${field(form, 'iban')}"
        /></label>
        <fieldset>
          <legend>${context.t('signup.methods')}</legend>
          ${PROMOTION_METHODS.map(
            (method) =>
              html`<label
                ><input
                  type="checkbox"
                  name="promotionMethods"
                  value="${method}"
                  ${chosen.has(method) ? html` checked` : ''}
                />
                ${methodWords(method, context.locale)}</label
              >`,
          )}
        </fieldset>
        ${newPasswordField(context)}
        <button type="submit">${context.t('signup.submit')}</button>
      </form>`;
  };

  app.get('/signup', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { program = '' } = parseQuery(SIGNUP_QUERY, request);
    return sendPage(
      reply,
      context,
      context.t('signup.title'),
      stepOne(context, '', undefined, program),
    );
  });

  app.post('/signup', LIMITS.signup, async (request, reply) => {
    const context = await webContext(network, request, reply);
    const typed = typedValues(request.body);
    try {
      const form = parseForm(SIGNUP_STEP_ONE, request.body);
      const email = await network.accounts.checkSignupEmail(form.email);
      // Step two is a page of its own: the checked address goes along in the flash.
      return redirectAfterPost(network, reply, '/signup/details', [], {
        email,
        program: form.program ?? '',
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return sendPage(
        reply,
        context,
        context.t('signup.title'),
        stepOne(
          context,
          typed.email ?? '',
          refusalText(error, context.locale),
          typed.program ?? '',
        ),
        error.code === 'registration_barred' ? 403 : 400,
      );
    }
  });

  app.get('/signup/details', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const form = context.flash?.form;
    if (form === undefined) return reply.redirect('/signup', 303);
    // Kept for a refresh of this step; the form itself carries the address on.
    setFlash(network.flashKey, request, reply, '/signup/details', [], form);
    return sendPage(reply, context, context.t('signup.title'), stepTwo(context, form));
  });

  app.get('/signup/sent', async (request, reply) => {
    const context = await webContext(network, request, reply);
    return sendPage(
      reply,
      context,
      context.t('signup.title'),
      html`<h1>${context.t('signup.title')}</h1>
        <p class="muted">${context.t('signup.step', { n: 3 })}</p>`,
    );
  });

  app.post('/signup/details', LIMITS.signup, async (request, reply) => {
    const context = await webContext(network, request, reply);
    try {
      const { email, brandMatches } = await network.accounts.signUp(
        parseForm(BODIES.signup, request.body),
        mailLinkBase(network, request),
        network.now(),
        context.locale,
      );
      const sent = html`${notice('success', context.t('signup.sent', { email }))}
      ${
        brandMatches.length > 0
          ? notice(
              'warning',
              html`${context.t('signup.brandWarning')}
                <ul>
                  ${brandMatches.map((match) => html`<li><strong>${match.brand}</strong> (${match.kind}) in ${match.field}: “${match.found}”</li>`)}
                </ul>`,
            )
          : ''
      }`;
      return redirectAfterPost(network, reply, '/signup/sent', [
        sent,
        notice('success', context.t('signup.sent', { email })),
      ]);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // What was typed stays in the form (not the password), with what to fix.
      return sendPage(
        reply,
        context,
        context.t('signup.title'),
        stepTwo(context, typedForm(request.body), signupRefusalText(error, context.locale)),
        400,
      );
    }
  });

  // The emailed link opens a page with a button: mail scanners that follow links (a GET) never
  // use the single-use token up; only the visitor's POST activates.
  app.get('/activate', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { token = '' } = parseQuery(TOKEN_QUERY, request);
    return sendPage(
      reply,
      context,
      context.t('signup.title'),
      html`<h1>${context.t('account.activateYourAccount')}</h1>
        <form method="post" action="/activate" class="stack card">
          ${csrfField(context)}
          <input type="hidden" name="token" value="${token}" />
          <p>${context.t('account.oneStepLeftConfirmTo')}</p>
          <button type="submit">${context.t('account.activateMyAccount')}</button>
        </form>`,
    );
  });

  app.post('/activate', LIMITS.signup, async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { token } = parseForm(BODIES.token, request.body);
    const user = await network.accounts.activate(token, network.now());
    await startSession(network, request, reply, user.id);
    return redirectAfterPost(
      network,
      reply,
      '/publisher',
      notice('success', context.t('signup.activated')),
    );
  });

  const resetRequestForm = (context: WebContext, message?: SafeHtml) =>
    html`<h1>${context.t('reset.title')}</h1>
      ${message ?? ''}
      <p>${context.t('reset.intro')}</p>
      <form method="post" action="/password-reset" class="stack card">
        ${csrfField(context)}
        <label>${context.t('login.email')} <input type="email" name="email" required /></label>
        <button type="submit">${context.t('signup.continue')}</button>
      </form>`;

  app.get('/password-reset', async (request, reply) => {
    const context = await webContext(network, request, reply);
    return sendPage(reply, context, context.t('reset.title'), resetRequestForm(context));
  });

  app.post('/password-reset', LIMITS.reset, async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { email } = parseForm(BODIES.email, request.body);
    await network.passwords.requestPasswordReset(
      email,
      mailLinkBase(network, request),
      network.now(),
    );
    return redirectAfterPost(
      network,
      reply,
      '/password-reset',
      notice('success', context.t('reset.sent')),
    );
  });

  /** The form of an emailed link: a reset, or (`invite`) an invited user's first password. */
  const chooseForm = (context: WebContext, token: string, invite: boolean, error?: string) => {
    const title = context.t(invite ? 'reset.setYourPassword' : 'reset.choose');
    return html`<h1>${title}</h1>
      ${invite ? html`<p>${context.t('reset.welcome')}</p>` : ''}
      ${error ? notice('error', error) : ''}
      <form
        method="post"
        action="/password-reset/${token}${invite ? '?invite=1' : ''}"
        class="stack card"
      >
        ${csrfField(context)} ${newPasswordField(context)}
        <button type="submit">${title}</button>
      </form>`;
  };

  app.get('/password-reset/:token', async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { token } = parseParams(pathIds('token'), request);
    const invite = parseQuery(RESET_QUERY, request).invite === '1';
    return sendPage(
      reply,
      context,
      context.t(invite ? 'reset.setYourPassword' : 'reset.choose'),
      chooseForm(context, token, invite),
    );
  });

  app.post('/password-reset/:token', LIMITS.reset, async (request, reply) => {
    const context = await webContext(network, request, reply);
    const { token } = parseParams(pathIds('token'), request);
    const invite = parseQuery(RESET_QUERY, request).invite === '1';
    try {
      const { password } = parseForm(BODIES.newPassword, request.body);
      await network.passwords.resetPassword(token, password, network.now());
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return sendPage(
        reply,
        context,
        context.t(invite ? 'reset.setYourPassword' : 'reset.choose'),
        chooseForm(context, token, invite, refusalText(error, context.locale)),
        400,
      );
    }
    return redirectAfterPost(network, reply, '/login', notice('success', context.t('reset.done')));
  });
}

/** Sign-up step one: the API's address check, and the program a visitor came from. */
const SIGNUP_STEP_ONE = BODIES.email.extend({ program: z.string().optional() });
const SIGNUP_QUERY = z.object({ program: z.string().optional() });
/** `?invite=1`: the link of an invitation, whose page asks for a first password. */
const RESET_QUERY = z.object({ invite: z.enum(['1']).optional() });
/** The activation link's token, put in the page's form (only its POST activates). */
const TOKEN_QUERY = z.object({ token: z.string().optional() });
