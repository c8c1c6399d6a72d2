import { createHmac, timingSafeEqual } from 'node:crypto';
import { formatClickId, parseClickId } from '../storage/click-ids.js';

/**
 * Signed click ids (`tduid`, AE-T2): `clk_<id>.<mac>`, where mac is the first 128 bits of
 * HMAC-SHA256(secret, "clk_<id>") in base64url. Unforgeable without the secret; checked in
 * constant time.
 */
export class ClickSigner {
  readonly #key: Buffer;

  constructor(secret: string) {
    this.#key = createHmac('sha256', 'affnet click id').update(secret).digest();
  }

  sign(id: number): string {
    const text = formatClickId(id);
    return `${text}.${this.#mac(text).toString('base64url')}`;
  }

  /**
   * The click id inside a tduid, or undefined when it is malformed, forged or tampered with.
   * Only the exact spelling this server issued verifies: base64url decoding is lenient (it
   * skips `=`, `!`, spaces and dots and ignores the last character's spare bits), so the MAC is
   * compared as text, after the id is re-encoded, never as decoded bytes.
   */
  verify(tduid: string): number | undefined {
    if (tduid.length > 64) return undefined;
    const dot = tduid.indexOf('.');
    if (dot < 0) return undefined;
    const text = tduid.slice(0, dot);
    const id = parseClickId(text);
    if (id === undefined || formatClickId(id) !== text) return undefined;
    const given = Buffer.from(tduid.slice(dot + 1), 'latin1');
    const expected = Buffer.from(this.#mac(text).toString('base64url'), 'latin1');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return id;
  }

  #mac(text: string): Buffer {
    return createHmac('sha256', this.#key).update(text).digest().subarray(0, 16);
  }
}
