import type { Recipient } from '../storage/repositories/users-repository.js';
import type { Locale } from '../i18n/catalogue.js';
import { localeOf } from '../i18n/email.js';
import { createTransport, type Transporter } from 'nodemailer';
import type { Store } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { repos, type Repos } from '../storage/repositories/repos.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** What the mail is about (`invoice_issued`), for the log and per-user switches. */
  kind?: string | undefined;
}

/** One email of the outbox, as the admin reads it. */
export interface MailView {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  /** outbox, sending, sent, failed. */
  status: string;
  error: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface MailerOptions {
  /** smtp://… ; without it mail stays in the outbox (readable by the network admin) and is logged. */
  smtpUrl?: string | undefined;
  from: string;
  log?: (line: string) => void;
}

/**
 * The network's email: every message is recorded in `emails` first (the outbox the admin reads
 * in the portal), then sent over SMTP when one is configured. A failed send is recorded with
 * its error and never fails the action that wrote the mail. A mail of a kind its recipient
 * switched off (notification-kinds.ts) is not written at all. Mail written in another
 * transaction (`queue`: an event listener's) waits as `queued` for `deliverQueued`.
 */
export class Mailer {
  readonly #transport: Transporter | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: MailerOptions,
  ) {
    this.#transport = options.smtpUrl === undefined ? undefined : createTransport(options.smtpUrl);
  }

  /** One email to each recipient, written in the language each reads. */
  async sendToEach(
    recipients: readonly Recipient[],
    compose: (locale: Locale) => { subject: string; text: string },
    nowMs: number,
    kind?: string,
  ): Promise<void> {
    for (const recipient of recipients)
      await this.send({ to: recipient.email, kind, ...compose(localeOf(recipient.locale)) }, nowMs);
  }

  /** Writes and sends a mail; `switched_off` (nothing written) when its reader does not want it. */
  async send(mail: OutgoingMail, nowMs: number): Promise<{ id: string; status: string }> {
    const r = repos(this.store);
    if (mail.kind !== undefined && (await r.notifications.switchedOffFor(mail.to, mail.kind)))
      return { id: '', status: 'switched_off' };
    const id = newId('email', nowMs);
    const emails = r.emails;
    await emails.insert({
      id,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: null,
      status: this.#transport === undefined ? 'outbox' : 'sending',
      error: null,
      created_at: nowMs,
      sent_at: null,
    });
    if (this.#transport === undefined) {
      this.options.log?.(`mail to ${mail.to} kept in the outbox (no SMTP_URL): ${mail.subject}`);
      return { id, status: 'outbox' };
    }
    try {
      await this.#transport.sendMail({
        from: this.options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
      await emails.markSent(id, nowMs);
      return { id, status: 'sent' };
    } catch (error) {
      const message = (error as Error).message;
      this.options.log?.(`mail to ${mail.to} failed: ${message}`);
      await emails.markFailed(id, message.slice(0, 500));
      return { id, status: 'failed' };
    }
  }

  /**
   * Writes a mail with the caller's repositories (its transaction), to be sent by
   * `deliverQueued`: the mail commits with the change it tells of, or not at all. The caller
   * chose readers who want its kind.
   */
  async queue(r: Repos, mail: OutgoingMail, nowMs: number): Promise<void> {
    await r.emails.insert({
      id: newId('email', nowMs),
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: null,
      status: this.#transport === undefined ? 'outbox' : 'queued',
      error: null,
      created_at: nowMs,
      sent_at: null,
    });
  }

  /**
   * Sends the queued mails, oldest first; how many were tried. Each is claimed (`sending`)
   * before it goes, so two runs never send one twice; a failed send is recorded, not retried.
   */
  async deliverQueued(nowMs: number, limit = 100): Promise<number> {
    const transport = this.#transport;
    if (transport === undefined) return 0;
    const emails = repos(this.store).emails;
    let tried = 0;
    for (const mail of await emails.queued(limit)) {
      if (!(await emails.claim(mail.id))) continue;
      tried += 1;
      try {
        await transport.sendMail({
          from: this.options.from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.text_body,
        });
        await emails.markSent(mail.id, nowMs);
      } catch (error) {
        const message = (error as Error).message;
        this.options.log?.(`mail to ${mail.to_address} failed: ${message}`);
        await emails.markFailed(mail.id, message.slice(0, 500));
      }
    }
    return tried;
  }

  /** The latest messages, newest first: the admin's outbox view. */
  async recent(limit = 100): Promise<MailView[]> {
    const rows = await repos(this.store).emails.recent(limit);
    return rows.map((row) => ({
      id: row.id,
      toAddress: row.to_address,
      subject: row.subject,
      textBody: row.text_body,
      status: row.status,
      error: row.error,
      createdAt: row.created_at,
      sentAt: row.sent_at,
    }));
  }

  close(): void {
    this.#transport?.close();
  }
}
