import { describe, expect, it } from 'vitest';
import { refusalText } from '../../src/web/refusal-text.js';
import { checkEndpointUrl } from '../../src/domain/webhooks/endpoint-rules.js';
import { checkPostbackTemplate } from '../../src/domain/webhooks/postback-macros.js';
import { normaliseAmount } from '../../src/tracking/pixel-report.js';
import type { DomainError } from '../../src/domain/errors.js';
import { parseForm } from '../../src/web/form-input.js';
import { BODIES } from '../../src/http/contracts/bodies.js';

/** The refusal `run` throws. */
function refusalOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('refusal text of a code raised for several faults', () => {
  it('names the parameter and what is wrong with it in Dutch, from the message alone too', () => {
    const amount = refusalOf(() => normaliseAmount('abc', 2, 'orderValue'));
    expect(refusalText(amount, 'en')).toBe(
      'orderValue: expected an amount such as 12.50, got "abc"',
    );
    // A stored integration report keeps only code and message.
    expect(refusalText({ code: amount.code, message: amount.message }, 'nl')).toBe(
      'een parameter klopt niet: orderValue: verwacht een bedrag zoals 12.50, kreeg "abc"',
    );
    // Issues of a parsed query name each parameter.
    expect(
      refusalText(
        {
          code: 'invalid_parameter',
          message: 'from: expected a date as YYYY-MM-DD; epi: too long',
          issues: [
            { path: 'from', message: 'expected a date as YYYY-MM-DD' },
            { path: 'epi', message: 'too long' },
          ],
        },
        'nl',
      ),
    ).toBe('een parameter klopt niet: from: verwacht een datum als JJJJ-MM-DD; epi: too long');
  });

  it('says which fault of a webhook or postback URL it is, not one fixed sentence', () => {
    const cases = [
      [() => checkEndpointUrl('http://hooks.example/x', false), 'verwacht https://'],
      [() => checkEndpointUrl('https://user:pw@hooks.example/x', false), 'geen gebruikersnaam'],
      [() => checkEndpointUrl('not a url', false), 'verwacht een volledig https://-adres'],
      [() => checkEndpointUrl(`https://h.example/${'x'.repeat(3000)}`, false), 'hoogstens'],
      [() => checkPostbackTemplate('https://{epi}.example/x', false), 'geen macro’s in schema'],
      [() => checkPostbackTemplate('http:{epi}/x', true), 'begin met het schema, // en de host'],
    ] as const;
    for (const [run, expected] of cases) {
      const refusal = refusalOf(run);
      expect(refusal.code).toBe('invalid_webhook_url');
      const text = refusalText(refusal, 'nl');
      expect(text).toMatch(/^de URL klopt niet: url: /);
      expect(text).toContain(expected);
    }
  });
});

describe('refusal text of a form other than the sign-up', () => {
  it('names each refused field by its Dutch label and says what to fix in it', () => {
    const mailing = refusalOf(() =>
      parseForm(BODIES.mailing, {
        programId: 'aliexpress',
        subject: 'Deals',
        htmlBody: '<p>x</p>',
        plannedSendAt: '2026-11-11T09:00:00Z',
        audienceSize: 'veel',
        audienceSource: 'nieuwsbrief',
      }),
    );
    expect(mailing.code).toBe('invalid_body');
    expect(refusalText(mailing, 'nl')).toBe(
      'controleer deze velden: Aantal ontvangers: vul een getal in',
    );
    expect(refusalText(mailing, 'en')).toBe(
      'audienceSize: Invalid input: expected number, received string',
    );
    const login = refusalOf(() => parseForm(BODIES.login, { email: '', password: '' }));
    expect(refusalText(login, 'nl')).toBe(
      'controleer deze velden: E-mailadres: vul dit in; Wachtwoord: vul dit in',
    );
    const decision = refusalOf(() => parseForm(BODIES.claimDecision, { outcome: 'maybe' }));
    expect(refusalText(decision, 'nl')).toBe(
      'controleer deze velden: outcome: kies een van "upheld"|"rejected"; Beslissing: vul dit in',
    );
  });

  it('keeps a field it has no Dutch name for, and the words of a refusal that names none', () => {
    // A refusal thrown with a message only (no issues): the field from the message.
    expect(refusalText({ code: 'invalid_body', message: 'action: nothing to delete' }, 'nl')).toBe(
      'controleer deze velden: action: er is niets om te verwijderen',
    );
    expect(
      refusalText(
        {
          code: 'invalid_body',
          message: 'choose the feed file: CSV, TSV or XML (optionally gzipped)',
        },
        'nl',
      ),
    ).toBe('controleer deze velden: kies het feedbestand: CSV, TSV of XML (eventueel gegzipt)');
    // A query parameter keeps its own name: it is what the reader puts in a URL.
    expect(
      refusalText({ code: 'invalid_parameter', message: 'email: Invalid email address' }, 'nl'),
    ).toBe('een parameter klopt niet: email: vul een e-mailadres in, zoals naam@voorbeeld.nl');
  });
});
