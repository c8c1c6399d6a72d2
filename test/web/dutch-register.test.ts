import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/catalogue.js';
import { REASON_TEXT } from '../../src/domain/engine/reasons.js';
import { DECLINE_REASON_TEXT } from '../../src/domain/validation/decline-reasons.js';

/**
 * The portal addresses its readers informally in Dutch ("je", "jij", "jouw"; docs/architecture.md,
 * "Copy"): no formal "u", "uw", "uwe" or "uzelf" in any Dutch text, so the register cannot mix
 * again. A word boundary here is any character that is not a letter or digit, so "uur", "UTC" and
 * "Zürich" do not count, a lone "U" at the start of a sentence does.
 */
const FORMAL = /(?<![\p{L}\p{N}_])(?:u|uw|uwe|uzelf)(?![\p{L}\p{N}_])/iu;

describe('the Dutch register', () => {
  it('finds the formal pronouns it looks for, and nothing in words that contain them', () => {
    expect(
      ['Kunt u dit wijzigen?', 'Uw account', 'wacht op uw beslissing', 'Dat doet u zelf.'].filter(
        (text) => !FORMAL.test(text),
      ),
    ).toEqual([]);
    expect(
      ['Je uur is om', 'om 12:00 UTC', 'je eigen URL', 'Zürich', 'jouw beslissing', '{u}'].filter(
        (text) => FORMAL.test(text.replace(/\{\w+\}/g, '')),
      ),
    ).toEqual([]);
  });

  it('uses je/jij/jouw in every Dutch message of the catalogue, never u/uw', () => {
    const formal = Object.entries(LANGUAGES.nl)
      .filter(([, text]) => FORMAL.test(text.replace(/\{\w+\}/g, '')))
      .map(([key, text]) => `${key}: ${text}`);
    expect(formal).toEqual([]);
  });

  it('uses je/jij/jouw in the Dutch reasons of a quote and of a decline too', () => {
    const formal = Object.entries({ ...REASON_TEXT, ...DECLINE_REASON_TEXT })
      .filter(([, text]) => FORMAL.test(text.nl.replace(/\{\w+\}/g, '')))
      .map(([code, text]) => `${code}: ${text.nl}`);
    expect(formal).toEqual([]);
  });
});
