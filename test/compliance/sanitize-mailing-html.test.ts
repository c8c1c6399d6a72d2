import { describe, expect, it } from 'vitest';
import { sanitizeMailingHtml } from '../../src/compliance/sanitize-mailing-html.js';

const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

describe('mailing previews are safe (AE-P1 Email Approval tool)', () => {
  it.each([
    ['an entity-encoded javascript: link', '<a href="jav&#x61;script:alert(1)">x</a>'],
    ['a decimal-entity javascript: link', '<a href="&#106;avascript:alert(1)">x</a>'],
    ['a tab inside javascript:', '<a href="java\tscript:alert(1)">x</a>'],
    ['a split script tag', '<scr<script>ipt>alert(1)</scr</script>ipt>'],
    ['a script tag', '<script>alert(1)</script>'],
    ['an event handler', '<img src="x" onerror="alert(1)">'],
    ['an svg with a script', '<svg><script>alert(1)</script></svg>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a style that loads', '<p style="background:url(https://evil.example/t.gif)">x</p>'],
    ['a vbscript link', '<a href="vbscript:msgbox(1)">x</a>'],
    ['a data: link', '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
    ['a base tag', '<base href="https://evil.example/">'],
    ['a form', '<form action="https://evil.example"><input name=a></form>'],
  ])('removes %s', (_name, input) => {
    const output = sanitizeMailingHtml(input);
    expect(output.toLowerCase()).not.toMatch(
      /<script|javascript:|vbscript:|onerror|<iframe|url\(|<meta|<base|<form|<svg|data:text/,
    );
  });

  it('never loads a remote image, and says which it left out', () => {
    const output = sanitizeMailingHtml(
      '<p>Hi</p><img src="https://tracker.example/open.gif?u=1" alt="logo">',
    );
    expect(output).not.toContain('<img');
    expect(output).toContain('[image not loaded: logo]');
  });

  it('keeps what a mailing is made of: text, links, tables, inline images, colours', () => {
    const output = sanitizeMailingHtml(
      `<table width="600"><tr><td style="color: #c00">Deal</td></tr></table><a href="https://shop.example/x">Shop</a><img src="${PIXEL}" alt="">`,
    );
    expect(output).toContain('<table width="600">');
    expect(output).toContain('style="color:#c00"');
    expect(output).toContain('<a href="https://shop.example/x">Shop</a>');
    expect(output).toContain(`<img src="${PIXEL}"`);
  });
});
