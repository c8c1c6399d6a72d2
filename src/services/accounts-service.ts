import { PayoutSettingsService } from './payout-settings-service.js';
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { composeEmail, localeOf } from '../i18n/email.js';
import type { Locale } from '../i18n/catalogue.js';
import type { Store } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { type User } from '../storage/repositories/users-repository.js';
import { hashPassword } from '../auth/passwords.js';
import { checkIban } from '../domain/payments/iban.js';
import { checkVatNumber } from '../domain/payments/vat-number.js';
import {
  PROMOTION_METHODS,
  emailSchema as email,
  signupSchema,
} from '../domain/accounts/signup.js';
import { screenBrands, type BrandMatch } from '../domain/compliance/screen-brands.js';
import { DomainError, issuesFromZod, describeIssues } from '../domain/errors.js';
import type { Mailer } from './mailer.js';
import { repos } from '../storage/repositories/repos.js';
import { userView, type UserView } from '../auth/user-view.js';

export class AccountError extends DomainError {}

const ACTIVATION_MS = 24 * 3_600_000;

export { PROMOTION_METHODS, signupSchema };

export type SignupInput = z.input<typeof signupSchema>;

export const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Accounts: the three-step publisher sign-up (AE-S1: email, details, activation link) and a
 * publisher's further sites. Tokens are random, single-use, expiring, and stored hashed.
 * Logins and passwords are the PasswordService's.
 */
export class AccountsService {
  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
    /** The brands every program protects (AE-P5), screened at sign-up. */
    private readonly brands: () => Promise<string[]>,
  ) {}

  /** Step 1: an email address that may sign up (not taken, not barred). */
  async checkSignupEmail(text: string): Promise<string> {
    const parsed = email.safeParse(text);
    if (!parsed.success)
      throw new AccountError('invalid_email', 'expected an email address such as name@example.nl');
    await this.#refuseBarred(parsed.data, undefined);
    // Whether the address has an account is not said here (nor by signUp): that would tell
    // anyone which addresses are customers. Its owner hears about it by email instead.
    return parsed.data;
  }

  /** The language a user reads the portal and their email in (the portal's language switch). */
  async setLocale(userId: string, locale: Locale): Promise<void> {
    await repos(this.store).users.setLocale(userId, locale);
  }

  /** Step 2 and the activation mail (step 3). Returns the brand screening hits to show. */
  async signUp(
    input: SignupInput,
    baseUrl: string,
    nowMs: number,
    locale: Locale = 'en',
  ): Promise<{ email: string; brandMatches: BrandMatch[] }> {
    const parsed = signupSchema.safeParse(input);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error);
      throw new AccountError('invalid_signup', describeIssues(issues), issues, {
        fields: issues.map((issue) => issue.path).join(', '),
      });
    }
    const data = parsed.data;
    const domain = new URL(data.siteUrl).hostname.toLowerCase().replace(/^www\./, '');
    await this.checkSignupEmail(data.email);
    await this.#refuseBarred(data.email, domain);
    const brands = await this.brands();
    const brandMatchesOf = () =>
      screenBrands(
        [
          { field: 'name', text: data.name },
          { field: 'company', text: data.company },
          { field: 'site name', text: data.siteName },
          { field: 'site URL', text: data.siteUrl },
        ],
        brands,
      );
    const existing = await repos(this.store).users.findByEmail(data.email);
    if (existing !== undefined) {
      // The same answer as a new sign-up; the address's owner is told by email.
      await this.mailer.send(
        {
          to: existing.email,
          ...composeEmail(localeOf(existing.locale), 'signupExists', { baseUrl }),
        },
        nowMs,
      );
      return { email: data.email, brandMatches: brandMatchesOf() };
    }
    let iban: string | null = null;
    if (data.iban) {
      const checked = checkIban(data.iban);
      if (!checked.valid)
        throw new AccountError(
          'invalid_iban',
          `IBAN ${data.iban}: ${checked.reason}`,
          [{ path: 'iban', message: checked.reason }],
          { reason: checked.reason },
        );
      iban = checked.iban;
    }
    let vatNumber: string | null = null;
    if (data.vatNumber) {
      const checked = checkVatNumber(data.country, data.vatNumber);
      if (!checked.valid)
        throw new AccountError(
          'invalid_vat_number',
          `VAT number ${data.vatNumber}: ${checked.reason}`,
          [{ path: 'vatNumber', message: checked.reason }],
          { reason: checked.reason },
        );
      vatNumber = checked.vatNumber;
    }
    const brandMatches = brandMatchesOf();
    const passwordHash = await hashPassword(data.password);
    const token = randomBytes(32).toString('base64url');
    // New publishers start with the network's minimum payout (they may raise theirs).
    const minimumPayoutMinor = await new PayoutSettingsService(this.store).networkMinimum();
    const user = await repos(this.store).transaction(async (t) => {
      const publisherId = newId('publisher', nowMs);
      await t.publishers.insert({
        id: publisherId,
        name: data.company || data.name,
        company: data.company || null,
        country: data.country,
        vat_number: vatNumber,
        iban,
        payout_name: data.company || data.name,
        promotion_methods: JSON.stringify(data.promotionMethods),
        status: 'active',
        minimum_payout_minor: minimumPayoutMinor,
        created_at: nowMs,
      });
      await t.publishers.insertSite({
        id: newId('site', nowMs),
        publisher_id: publisherId,
        name: data.siteName,
        url: data.siteUrl,
        domain,
        promotion_methods: JSON.stringify(data.promotionMethods),
        status: 'active',
        created_at: nowMs,
      });
      const row: User = {
        id: newId('user', nowMs),
        email: data.email,
        password_hash: passwordHash,
        role: 'publisher',
        status: 'pending_activation',
        name: data.name,
        locale,
        advertiser_id: null,
        publisher_id: publisherId,
        created_at: nowMs,
        activated_at: null,
        must_change_password: 0,
      };
      await t.users.insert(row);
      await t.tokens.insert({
        id: newId('token', nowMs),
        user_id: row.id,
        email: data.email,
        purpose: 'activate',
        token_hash: digest(token),
        created_at: nowMs,
        expires_at: nowMs + ACTIVATION_MS,
        used_at: null,
      });
      await t.publishers.bumpLinksVersion();
      return row;
    });
    await this.mailer.send(
      {
        to: data.email,
        ...composeEmail(locale, 'activation', {
          name: data.name,
          link: `${baseUrl}/activate?token=${token}`,
        }),
      },
      nowMs,
    );
    return { email: user.email, brandMatches };
  }

  /** Another website of a publisher, screened for brands (AE-P5) like the first. */
  async addSite(
    publisherId: string,
    input: { name: string; url: string; promotionMethods: string[] },
    nowMs: number,
  ): Promise<{ siteId: string; brandMatches: BrandMatch[] }> {
    const parsed = signupSchema
      .pick({ siteName: true, siteUrl: true, promotionMethods: true })
      .safeParse({
        siteName: input.name,
        siteUrl: input.url,
        promotionMethods: input.promotionMethods,
      });
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error);
      throw new AccountError('invalid_site', describeIssues(issues), issues, {
        fields: issues.map((issue) => issue.path).join(', '),
      });
    }
    const domain = new URL(parsed.data.siteUrl).hostname.toLowerCase().replace(/^www\./, '');
    if (await repos(this.store).registrationBars.barsDomain(domain))
      throw new AccountError('registration_barred', 'this website is barred');
    const siteId = newId('site', nowMs);
    const r = repos(this.store);
    await r.publishers.insertSite({
      id: siteId,
      publisher_id: publisherId,
      name: parsed.data.siteName,
      url: parsed.data.siteUrl,
      domain,
      promotion_methods: JSON.stringify(parsed.data.promotionMethods),
      status: 'active',
      created_at: nowMs,
    });
    await r.publishers.bumpLinksVersion();
    const brandMatches = screenBrands(
      [
        { field: 'site name', text: parsed.data.siteName },
        { field: 'site URL', text: parsed.data.siteUrl },
      ],
      await this.brands(),
    );
    return { siteId, brandMatches };
  }

  /** Step 3: the activation link. Single use; an expired link says so. */
  async activate(token: string, nowMs: number): Promise<UserView> {
    return repos(this.store).transaction(async (t) => {
      const row = await t.users.findToken(digest(token), 'activate');
      if (row === undefined || row.user_id === null)
        throw new AccountError(
          'invalid_token',
          'this activation link is not valid: use the link from the latest email',
        );
      if (row.used_at !== null)
        throw new AccountError('token_used', 'this activation link was used already: log in');
      if (row.expires_at <= nowMs)
        throw new AccountError(
          'token_expired',
          'this activation link has expired: sign up again to get a new one',
        );
      await t.tokens.markUsed(row.id, nowMs);
      await t.users.activate(row.user_id, nowMs);
      return userView((await t.users.findById(row.user_id))!);
    });
  }

  /** AE-E1 g: a barred email address or domain cannot sign up again. */
  async #refuseBarred(address: string, siteDomain: string | undefined): Promise<void> {
    const emailDomain = address.split('@')[1] ?? '';
    const domains = [emailDomain, ...(siteDomain ? [siteDomain] : [])];
    if (await repos(this.store).registrationBars.barsEmailOrDomains(address, domains))
      throw new AccountError(
        'registration_barred',
        'this email address or website is barred from registering; contact the network if you think this is wrong',
      );
  }
}
