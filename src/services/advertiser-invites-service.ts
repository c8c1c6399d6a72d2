import { randomBytes } from 'node:crypto';
import type { Store } from '../storage/database.js';
import { hashPassword } from '../auth/passwords.js';
import { DomainError } from '../domain/errors.js';
import { composeEmail } from '../i18n/email.js';
import type { Locale } from '../i18n/catalogue.js';
import type { Mailer } from './mailer.js';
import { issuePasswordLink } from './password-service.js';
import { repos } from '../storage/repositories/repos.js';

export class InviteError extends DomainError {}

const INVITE_MS = 7 * 86_400_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The network admin invites an advertiser's user: the advertiser is created when its name is
 * new (a second invite with the same name adds a user to it), the user gets an emailed link to
 * choose a password (single use, 7 days) and can then log in to the advertiser console.
 */
export class AdvertiserInvitesService {
  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
  ) {}

  async invite(
    input: { email: string; advertiser: string; name?: string; locale?: Locale },
    baseUrl: string,
    actor: string,
    nowMs: number,
  ): Promise<{
    advertiserId: string;
    userId: string;
    email: string;
    link: string;
    created: boolean;
  }> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email))
      throw new InviteError('invalid_email', 'expected an email address such as name@example.nl');
    const advertiserName = input.advertiser.trim();
    if (advertiserName === '' || advertiserName.length > 120)
      throw new InviteError('invalid_body', 'name: the advertiser’s name, at most 120 characters');
    const users = repos(this.store).users;
    if ((await users.findByEmail(email)) !== undefined)
      throw new InviteError('email_taken', `${email} has an account already; ask them to log in`);
    const advertisers = repos(this.store).advertisers;
    const existing = await advertisers.findByName(advertiserName);
    const advertiser = existing ?? (await advertisers.create({ name: advertiserName }, nowMs));
    // Unusable until the invitee chooses a password through the link.
    const user = await users.create(
      {
        email,
        passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
        role: 'advertiser',
        name: input.name?.trim() || advertiserName,
        advertiserId: advertiser.id,
      },
      nowMs,
    );
    const locale = input.locale ?? 'en';
    if (locale !== 'en') await users.setLocale(user.id, locale);
    const token = await issuePasswordLink(repos(this.store), user, INVITE_MS, nowMs);
    const link = `${baseUrl}/password-reset/${token}?invite=1`;
    await this.mailer.send(
      {
        to: email,
        ...composeEmail(locale, 'advertiserInvite', { advertiser: advertiserName, link }),
      },
      nowMs,
    );
    await repos(this.store).audit.record(
      {
        actor,
        action: 'advertiser.invited',
        subjectType: 'advertiser',
        subjectId: advertiser.id,
        details: { email, userId: user.id, newAdvertiser: existing === undefined },
      },
      nowMs,
    );
    return {
      advertiserId: advertiser.id,
      userId: user.id,
      email,
      link,
      created: existing === undefined,
    };
  }
}
