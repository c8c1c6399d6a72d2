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

/** Where an advertiser stands, for the network admin's list. */
export type AdvertiserStanding =
  'live' | 'in_review' | 'not_listed' | 'invited' | 'no_programs' | 'disabled';

/** One advertiser of the admin's list. */
export interface AdvertiserListEntry {
  id: string;
  name: string;
  createdAt: number;
  users: number;
  /** Users invited who have not come in yet (an unused password link, no session). */
  invitedUsers: number;
  programs: number;
  listedPrograms: number;
  programsInReview: number;
  standing: AdvertiserStanding;
}

/** A page of the advertisers (`page` from 1), with how many pages there are. */
export interface AdvertiserListPage {
  advertisers: AdvertiserListEntry[];
  page: number;
  pages: number;
  total: number;
}

/** The admin's list: how many advertisers a page shows. */
export const ADVERTISERS_PER_PAGE = 50;

/**
 * An advertiser's standing: disabled when all its users are; live with a listed program; in
 * review, or not listed (paused, closed or refused), by its programs; without programs, invited
 * while none of its users has come in yet.
 */
export function advertiserStanding(counts: {
  users: number;
  disabledUsers: number;
  invitedUsers: number;
  programs: number;
  listedPrograms: number;
  programsInReview: number;
}): AdvertiserStanding {
  if (counts.users > 0 && counts.disabledUsers === counts.users) return 'disabled';
  if (counts.listedPrograms > 0) return 'live';
  if (counts.programsInReview > 0) return 'in_review';
  if (counts.programs > 0) return 'not_listed';
  if (counts.users > 0 && counts.invitedUsers === counts.users) return 'invited';
  return 'no_programs';
}

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

  /** One page of the network's advertisers, newest first (a page past the last: the last). */
  async list(page: number, nowMs: number): Promise<AdvertiserListPage> {
    const advertisers = repos(this.store).advertisers;
    const total = await advertisers.count();
    const pages = Math.max(1, Math.ceil(total / ADVERTISERS_PER_PAGE));
    const current = Math.min(Math.max(1, page), pages);
    const rows = await advertisers.page(
      ADVERTISERS_PER_PAGE,
      (current - 1) * ADVERTISERS_PER_PAGE,
      nowMs,
    );
    return {
      page: current,
      pages,
      total,
      advertisers: rows.map((row) => {
        const counts = {
          users: Number(row.users ?? 0),
          disabledUsers: Number(row.disabled_users ?? 0),
          invitedUsers: Number(row.invited_users ?? 0),
          programs: Number(row.programs ?? 0),
          listedPrograms: Number(row.listed_programs ?? 0),
          programsInReview: Number(row.programs_in_review ?? 0),
        };
        return {
          id: row.id,
          name: row.name,
          createdAt: row.created_at,
          users: counts.users,
          invitedUsers: counts.invitedUsers,
          programs: counts.programs,
          listedPrograms: counts.listedPrograms,
          programsInReview: counts.programsInReview,
          standing: advertiserStanding(counts),
        };
      }),
    };
  }

  /**
   * Invites `input.email` to the advertiser. The invitee's language (`locale`, by default the
   * inviting admin's) is stored as theirs: the mail is written in it, and its link opens the
   * portal in it (`lang=`), so the first session speaks it too.
   */
  async invite(
    input: { email: string; advertiser: string; name?: string; locale: Locale },
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
    const locale = input.locale;
    await users.setLocale(user.id, locale);
    const token = await issuePasswordLink(repos(this.store), user, INVITE_MS, nowMs);
    const link = `${baseUrl}/password-reset/${token}?invite=1&lang=${locale}`;
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
        details: { email, userId: user.id, newAdvertiser: existing === undefined, locale },
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
