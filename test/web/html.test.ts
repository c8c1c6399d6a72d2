import { describe, expect, it } from 'vitest';
import { linkify } from '../../src/web/html.js';

describe('linkify (the outbox shows mail bodies with clickable links)', () => {
  it('makes http(s) addresses links and escapes everything else', () => {
    expect(
      linkify('Activate: https://affnet.example/activate?token=a-b_c&x=1. <b>Thanks</b>').text,
    ).toBe(
      'Activate: <a href="https://affnet.example/activate?token=a-b_c&amp;x=1" rel="noreferrer">https://affnet.example/activate?token=a-b_c&amp;x=1</a>. &lt;b&gt;Thanks&lt;/b&gt;',
    );
  });

  it('never links another scheme and never lets an address break out of its attribute', () => {
    expect(linkify('javascript:alert(1) data:text/html,x').text).toBe(
      'javascript:alert(1) data:text/html,x',
    );
    const text = linkify('see https://a.example/"onmouseover="alert(1)').text;
    expect(text).toBe(
      'see <a href="https://a.example/" rel="noreferrer">https://a.example/</a>&quot;onmouseover=&quot;alert(1)',
    );
  });

  it('keeps text without addresses as it is, escaped', () => {
    expect(linkify('no links & no tags').text).toBe('no links &amp; no tags');
  });
});
