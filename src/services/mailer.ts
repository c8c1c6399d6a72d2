import type { Recipient } from '../storage/repositories/users-repository.js';
import type { Locale } from '../i18n/catalogue.js';
import { localeOf } from '../i18n/email.js';
import { createTransport, type Transporter } from 'nodemailer';
import type { Store } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { repos } from '../storage/repositories/repos.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
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
 * its error and never fails the action that wrote the mail.
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
  ): Promise<void> {
    for (const recipient of recipients)
      await this.send({ to: recipient.email, ...compose(localeOf(recipient.locale)) }, nowMs);
  }

  async send(mail: OutgoingMail, nowMs: number): Promise<{ id: string; status: string }> {
    const id = newId('email', nowMs);
    const emails = repos(this.store).emails;
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
