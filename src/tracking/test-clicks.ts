import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'tst_';

/** Whether a tduid claims to be a test click (`tst_…`); `TestClicks.verify` says if it is one. */
export function isTestClickId(tduid: string | undefined): tduid is string {
  return tduid !== undefined && tduid.startsWith(PREFIX);
}

/**
 * Test click ids (issue 27, item 2): `tst_<nonce>.<mac>`, the mac the first 128 bits of
 * HMAC-SHA256 over the program id and the nonce with a key derived from the network's secret.
 * Only the program's advertiser gets one (its tracking page), it names that program only, and
 * an order reported with it is a test: priced, shown, never stored as an order, never paid.
 */
export class TestClicks {
  readonly #key: Buffer;

  constructor(secret: string) {
    this.#key = createHmac('sha256', 'affnet test click id').update(secret).digest();
  }

  /** A new test click id of `programId`. */
  issue(programId: string): string {
    const nonce = randomBytes(12).toString('base64url');
    return `${PREFIX}${nonce}.${this.#mac(programId, nonce)}`;
  }

  /** Whether `tduid` is a test click id this network issued for `programId` (constant time). */
  verify(tduid: string, programId: string): boolean {
    if (tduid.length > 64 || !tduid.startsWith(PREFIX)) return false;
    const dot = tduid.indexOf('.');
    if (dot < 0) return false;
    const nonce = tduid.slice(PREFIX.length, dot);
    if (!/^[A-Za-z0-9_-]{16}$/.test(nonce)) return false;
    const given = Buffer.from(tduid.slice(dot + 1), 'latin1');
    const expected = Buffer.from(this.#mac(programId, nonce), 'latin1');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #mac(programId: string, nonce: string): string {
    return createHmac('sha256', this.#key)
      .update(`${programId}\n${nonce}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
