import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest: encrypted and authenticated (AES-256-GCM) with a key derived
 * from the network's SECRET, so a copy of the database alone signs nothing. The secret is shown
 * once, when made; the API never returns it again.
 */
export class WebhookSecretBox {
  readonly #key: Buffer;

  constructor(networkSecret: string) {
    this.#key = createHmac('sha256', 'affnet webhook secrets').update(networkSecret).digest();
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  }

  /** The secret, or undefined when it was sealed under another SECRET (rotate it). */
  open(sealed: string): string | undefined {
    if (!sealed.startsWith('v1.')) return undefined;
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    if (bytes.length < 29) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      return undefined;
    }
  }
}
