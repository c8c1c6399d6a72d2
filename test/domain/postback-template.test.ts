import { describe, expect, it } from 'vitest';
import {
  TRACKER_PRESETS,
  checkPostbackTemplate,
} from '../../src/domain/webhooks/postback-macros.js';
import type { DomainError } from '../../src/domain/errors.js';

const refusalOf = (template: string, allowHttp = true) => {
  try {
    checkPostbackTemplate(template, allowHttp);
  } catch (error) {
    const { code, message } = error as DomainError;
    return { code, message };
  }
  return undefined;
};

const WRITE_THE_HOST =
  'url: start with the scheme, // and the tracker’s host written out (https://tracker.example/…), with macros in the path and query only';
const NO_MACRO_BEFORE_PATH =
  'url: no macros in the scheme, user, host or port, only in the path and query';

/**
 * Attack (issue 28): a template without `//` (`http:{epi}/pubpb`) passed the check that no
 * macro fills the host, and at delivery the URL parser took the host from the click's epi. The
 * scheme, `//` and a literal host (and port) must come first, with no macro before the path.
 */
describe('a postback template’s tracker address', () => {
  it.each([
    ['http:{epi}/pubpb', WRITE_THE_HOST],
    ['http:{epi}:9000/x', WRITE_THE_HOST],
    ['https:{epi}', WRITE_THE_HOST],
    ['https:/{epi}/x', WRITE_THE_HOST],
    ['https:///{epi}/x', WRITE_THE_HOST],
    ['https://\\{epi}/x', WRITE_THE_HOST],
    [' https://{epi}/x', WRITE_THE_HOST],
    ['{epi}://tracker.example/x', WRITE_THE_HOST],
    ['https://{epi}.example/x', NO_MACRO_BEFORE_PATH],
    ['https://tracker.example:{epi}/x', NO_MACRO_BEFORE_PATH],
    ['https://{epi}@tracker.example/x', NO_MACRO_BEFORE_PATH],
    ['https://{epi}:{epi2}@tracker.example/x', NO_MACRO_BEFORE_PATH],
  ])('refuses %s', (template, message) => {
    expect(refusalOf(template)).toEqual({ code: 'invalid_webhook_url', message });
  });

  it.each([
    ...Object.values(TRACKER_PRESETS),
    'https://tracker.example/postback?cid={epi}&tid={tduid}',
    'https://tracker.example:8443/{epi}/{epi2}?status={status}',
    'https://tracker.example#{epi}',
    'HTTPS://Tracker.example/{epi}',
  ])('accepts %s', (template) => {
    expect(refusalOf(template, false)).toBeUndefined();
  });
});
