import { createRequire } from 'node:module';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (`apt-get install -y chromium`), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser suites can run; without Chromium they are skipped with a visible
 * message, unless REQUIRE_BROWSER is set (CI), where a missing browser is a failure.
 */
export const browserAvailable = existsSync(CHROMIUM);
if (!browserAvailable && process.env.REQUIRE_BROWSER)
  throw new Error(`REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM}`);
if (!browserAvailable)
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

/** Headless Chromium with the flags this machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Logs in through the portal's login form at `base`. */
export async function portalLogin(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/login`);
  await expectAccessible(page);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form.card button[type=submit]')]);
  await expectAccessible(page);
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** One axe-core finding: the rule, its impact and the elements that break it. */
export interface AccessibilityViolation {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core's WCAG 2 A and AA rules on the page as it is now and returns what they find,
 * each with the selectors of the elements at fault (empty: the page passes).
 */
export async function accessibilityViolations(page: Page): Promise<AccessibilityViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis)))
    await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: AxeLike; document: unknown };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}

interface AxeLike {
  run(
    context: unknown,
    options: object,
  ): Promise<{
    violations: {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  }>;
}

/**
 * Fails with the page's address and every violation when axe-core finds one: the browser tests
 * call it on every page they visit, so an inaccessible page cannot land.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await accessibilityViolations(page);
  if (violations.length === 0) return;
  if (process.env.AXE_COLLECT) {
    appendFileSync(process.env.AXE_COLLECT, `${JSON.stringify({ url: page.url(), violations })}\n`);
    return;
  }
  const lines = violations.map(
    (v) => `  ${v.rule} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.targets.join('\n    ')}`,
  );
  throw new Error(`axe-core: ${page.url()} violates WCAG 2 A/AA:\n${lines.join('\n')}`);
}

/** The page is no wider than the window (nothing scrolls sideways at 390 px). */
export async function expectNoOverflow(page: Page) {
  const [scroll, client] = await page.evaluate(() => {
    const root = (
      globalThis as unknown as {
        document: { documentElement: { scrollWidth: number; clientWidth: number } };
      }
    ).document.documentElement;
    return [root.scrollWidth, root.clientWidth];
  });
  expect(scroll, page.url()).toBeLessThanOrEqual(client);
}

/**
 * The words in the page's table cells broken across lines (with their cell's text), empty when
 * none: at 390 px a wide table scrolls inside itself rather than squeezing its columns to a few
 * letters a line ("aan/geh/oud/en"). Words longer than 24 characters (ids, JSON) may break, and
 * a hyphenated word after its hyphen.
 */
export async function brokenTableWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Rect = { top: number; width: number };
    type TextNode = { nodeType: number; textContent: string | null; parentElement: unknown };
    const { document } = globalThis as unknown as {
      document: {
        querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
        createTreeWalker(root: unknown, filter: number): { nextNode(): TextNode | null };
        createRange(): {
          setStart(node: unknown, offset: number): void;
          setEnd(node: unknown, offset: number): void;
          getClientRects(): ArrayLike<Rect>;
        };
      };
    };
    const broken: string[] = [];
    for (const cell of Array.from(document.querySelectorAll('main td, main th'))) {
      const walker = document.createTreeWalker(cell, 4 /* NodeFilter.SHOW_TEXT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        // A word longer than a column (an id, a hash, JSON) may break, and prose may break
        // after a hyphen ("gift-/cards"); a shorter word not, between its letters.
        for (const match of text.matchAll(/(?<![^\s-])[^\s-]{1,24}(?![^\s-])/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set(
            Array.from(range.getClientRects())
              .filter((rect) => rect.width > 0)
              .map((rect) => Math.round(rect.top)),
          );
          if (lines.size > 1)
            broken.push(`${match[0]} (in "${(cell.textContent ?? '').trim().slice(0, 60)}")`);
        }
      }
    }
    return broken;
  });
}

/** The height of the page's header (the navigation bar) in pixels. */
export async function headerHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as {
      document: { querySelector(s: string): { getBoundingClientRect(): { height: number } } };
    };
    return document.querySelector('header.top').getBoundingClientRect().height;
  });
}
