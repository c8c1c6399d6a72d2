import { composeEmail, formatInstant } from '../i18n/email.js';
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Store } from '../storage/database.js';
import type { MailingsTable } from '../storage/schema.js';
import { newId } from '../storage/ids.js';
import { DomainError } from '../domain/errors.js';
import type { Mailer } from './mailer.js';
import { repos } from '../storage/repositories/repos.js';
import { mailingView, type MailingView } from './enforcement-views.js';

export type Mailing = Selectable<MailingsTable>;

export class MailingError extends DomainError {}

/** How long after its planned send date an approved mailing's link counts as email traffic. */
const SEND_WINDOW_MS = 7 * 86_400_000;

/**
 * The Email Approval tool (AE-P1): the advertiser grants a publisher access per program; the
 * publisher submits each mailing's preview; the advertiser approves or rejects it with
 * comments. An approved mailing gets its own link parameter (`m=`): email clicks without an
 * approved mailing, or outside its send window, are flagged and their orders held.
 */
export class MailingsService {
  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
  ) {}

  async grantAccess(
    programId: string,
    publisherId: string,
    actor: string,
    nowMs: number,
  ): Promise<void> {
    await repos(this.store).mailings.grantAccess(programId, publisherId, actor, nowMs);
    await repos(this.store).audit.record(
      {
        actor,
        action: 'email_access.granted',
        subjectType: 'publisher',
        subjectId: publisherId,
        details: { programId },
      },
      nowMs,
    );
  }

  async revokeAccess(
    programId: string,
    publisherId: string,
    actor: string,
    nowMs: number,
  ): Promise<void> {
    await repos(this.store).mailings.revokeAccess(programId, publisherId, nowMs);
    await repos(this.store).audit.record(
      {
        actor,
        action: 'email_access.revoked',
        subjectType: 'publisher',
        subjectId: publisherId,
        details: { programId },
      },
      nowMs,
    );
  }

  async hasAccess(programId: string, publisherId: string): Promise<boolean> {
    return repos(this.store).mailings.hasAccess(programId, publisherId);
  }

  async submit(
    input: {
      publisherId: string;
      programId: string;
      subject: string;
      htmlBody: string;
      plannedSendAt: number;
      audienceSize: number;
      audienceSource: string;
    },
    nowMs: number,
  ): Promise<MailingView> {
    if (!(await this.hasAccess(input.programId, input.publisherId)))
      throw new MailingError(
        'no_email_access',
        'the advertiser has not given you access to the Email Approval tool for this program: ask the advertiser to grant it',
      );
    if (input.subject.trim() === '' || input.htmlBody.trim() === '')
      throw new MailingError('invalid_mailing', 'subject and HTML body are required');
    if (!Number.isFinite(input.plannedSendAt) || input.plannedSendAt < nowMs)
      throw new MailingError(
        'invalid_mailing',
        'plannedSendAt: the send date must be in the future',
      );
    if (!Number.isSafeInteger(input.audienceSize) || input.audienceSize < 1)
      throw new MailingError(
        'invalid_mailing',
        'audienceSize: the number of recipients, at least 1',
      );
    if (input.audienceSource.trim() === '')
      throw new MailingError(
        'invalid_mailing',
        'audienceSource: say where the addresses come from (opt-in list, customers …)',
      );
    const mailing: Mailing = {
      id: newId('mailing', nowMs),
      program_id: input.programId,
      publisher_id: input.publisherId,
      site_id: null,
      subject: input.subject.trim().slice(0, 300),
      html_body: input.htmlBody.slice(0, 500_000),
      planned_send_at: input.plannedSendAt,
      audience_size: input.audienceSize,
      audience_source: input.audienceSource.trim().slice(0, 300),
      status: 'submitted',
      comments: null,
      link_param: null,
      send_window_ends_at: null,
      decided_by: null,
      decided_at: null,
      created_at: nowMs,
    };
    await repos(this.store).mailings.insert(mailing);
    await repos(this.store).audit.record(
      {
        actor: `publisher:${input.publisherId}`,
        action: 'mailing.submitted',
        subjectType: 'mailing',
        subjectId: mailing.id,
        details: {
          programId: input.programId,
          plannedSendAt: new Date(input.plannedSendAt).toISOString(),
          audienceSize: input.audienceSize,
        },
      },
      nowMs,
    );
    return mailingView(mailing);
  }

  async decide(
    mailingId: string,
    programIds: readonly string[],
    outcome: 'approve' | 'reject',
    comments: string,
    actor: string,
    nowMs: number,
  ): Promise<MailingView> {
    const mailing = await repos(this.store).mailings.find(mailingId);
    if (mailing === undefined || !programIds.includes(mailing.program_id))
      throw new MailingError('unknown_mailing', `no mailing "${mailingId}" in your programs`);
    if (mailing.status !== 'submitted')
      throw new MailingError(
        'mailing_decided',
        `mailing ${mailingId} is already ${mailing.status}`,
        [],
        { status: mailing.status },
      );
    if (outcome === 'reject' && comments.trim() === '')
      throw new MailingError('comments_required', 'tell the publisher why the mailing is rejected');
    const change = {
      status: outcome === 'approve' ? 'approved' : 'rejected',
      comments: comments.trim() || null,
      link_param: outcome === 'approve' ? randomBytes(9).toString('base64url') : null,
      send_window_ends_at: outcome === 'approve' ? mailing.planned_send_at + SEND_WINDOW_MS : null,
      decided_by: actor,
      decided_at: nowMs,
    };
    await repos(this.store).mailings.update(mailingId, change);
    await repos(this.store).audit.record(
      {
        actor,
        action: `mailing.${change.status}`,
        subjectType: 'mailing',
        subjectId: mailingId,
        details: { comments: change.comments },
      },
      nowMs,
    );
    await this.mailer.sendToEach(
      await repos(this.store).users.recipientsOfPublisher(mailing.publisher_id),
      (locale) =>
        outcome === 'approve'
          ? composeEmail(
              locale,
              'mailingApproved',
              {
                subject: mailing.subject,
                param: change.link_param ?? '',
                until: formatInstant(change.send_window_ends_at!, locale),
              },
              change.comments ? [['email.mailingComments', { comments: change.comments }]] : [],
            )
          : composeEmail(locale, 'mailingRejected', {
              subject: mailing.subject,
              comments: change.comments ?? '',
            }),
      nowMs,
    );
    return mailingView({ ...mailing, ...change });
  }

  async ofPublisher(publisherId: string): Promise<MailingView[]> {
    return (await repos(this.store).mailings.ofPublisher(publisherId)).map(mailingView);
  }

  /** The programs whose Email Approval tool the publisher may use (access not revoked). */
  async accessOf(publisherId: string) {
    return repos(this.store).mailings.accessOf(publisherId);
  }

  async ofPrograms(programIds: readonly string[]) {
    return (await repos(this.store).mailings.ofPrograms(programIds)).map(mailingView);
  }
}
