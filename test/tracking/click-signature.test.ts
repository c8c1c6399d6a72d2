import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClickSigner } from '../../src/tracking/click-signature.js';

const signer = new ClickSigner('test-secret-0123456789abcdef-0123456789');
const id = 123_456_789_012;
const tduid = signer.sign(id);
const [text, mac] = tduid.split('.') as [string, string];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('click ids verify only as issued (AE-T2)', () => {
  it('verifies the issued spelling', () => {
    expect(signer.verify(tduid)).toBe(id);
  });

  it.each([
    ['a "=" appended', `${tduid}=`],
    ['"==" appended', `${tduid}==`],
    ['a "!" inside the MAC', `${text}.${mac.slice(0, 5)}!${mac.slice(5)}`],
    ['a space inside the MAC', `${text}.${mac.slice(0, 5)} ${mac.slice(5)}`],
    ['a "." inside the MAC', `${text}.${mac.slice(0, 5)}.${mac.slice(5)}`],
    [
      'standard base64 for url-safe',
      `${text}.${mac.replace(/-/g, '+').replace(/_/g, '/')}${/[-_]/.test(mac) ? '' : '+'}`,
    ],
    ['a leading zero in the id', `clk_0${text.slice(4)}.${mac}`],
    ['the id in upper case', `${text.toUpperCase()}.${mac}`],
    ['a trailing newline', `${tduid}\n`],
    ['a leading space', ` ${tduid}`],
  ])('refuses %s', (_name, altered) => {
    expect(signer.verify(altered)).toBeUndefined();
  });

  it('refuses every other last character (the spare padding bits)', () => {
    const last = mac[mac.length - 1]!;
    for (const ch of B64) {
      if (ch === last) continue;
      expect(signer.verify(`${text}.${mac.slice(0, -1)}${ch}`)).toBeUndefined();
    }
  });

  it('refuses any single-character change anywhere (property)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: tduid.length - 1 }),
        fc.string({ minLength: 1, maxLength: 1 }),
        (position, ch) => {
          fc.pre(tduid[position] !== ch);
          const altered = tduid.slice(0, position) + ch + tduid.slice(position + 1);
          expect(signer.verify(altered)).toBeUndefined();
        },
      ),
    );
  });
});
