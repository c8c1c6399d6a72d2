import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { packageRoot } from '../../src/package-root.js';
import { adminToken, reviewProgram, sessionToken, type TestNetwork } from './network.js';
import type { ProgramSetupInput } from '../../src/domain/terms/program-setup.js';
import { setupFormFields } from './program-setup.js';
import { client } from './web-client.js';

/** A newcomer's program: its id, the advertiser's API key and session, the admin's session. */
export interface NewProgram {
  programId: string;
  apiKey: string;
  advertiserSession: string;
  advertiserEmail: string;
  advertiserPassword: string;
  admin: string;
}

/**
 * As a newcomer would, through the API only: the network admin invites an advertiser, who sets
 * a password from the mail, makes an API key, creates a program from terms (Kabelkoning's,
 * renamed to `name` on `name.example`), which the admin approves; the demo publisher's site
 * applies and the advertiser approves it. With `setup`, the advertiser creates the program in
 * the portal's guided form instead (what it leaves out, such as benefits and documents, the
 * program has none of), under `name` and its slug.
 */
export async function newAdvertiserProgram(
  t: TestNetwork,
  name: string,
  /** `admin`: the admin's session of an earlier call (the first admin logs in once per network). */
  options: { setup?: ProgramSetupInput; admin?: string } = {},
): Promise<NewProgram> {
  const slug = name.toLowerCase();
  const email = `partners@${slug}.example`;
  const password = `${slug} password 1`;
  const call = async (
    method: 'POST',
    url: string,
    token: string,
    payload: unknown,
    type?: string,
  ) => {
    const answer = await t.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(type === undefined ? {} : { 'content-type': type }),
      },
      payload: payload as string,
    });
    expect(answer.statusCode, `${url}: ${answer.body}`).toBeLessThan(300);
    return answer.json() as Record<string, string>;
  };
  const admin = options.admin ?? (await adminToken(t));
  await call('POST', '/api/v1/admin/advertisers/invitations', admin, {
    email,
    advertiser: `${name} B.V.`,
  });
  const mail = await t.network.store.db
    .selectFrom('emails')
    .select('text_body')
    .where('to_address', '=', email)
    .executeTakeFirstOrThrow();
  const token = /password-reset\/([\w-]+)/.exec(mail.text_body)![1]!;
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/password-reset/${token}`,
    payload: { password },
  });
  const advertiserSession = await sessionToken(t, email, password);
  const { key: apiKey } = await call('POST', '/api/v1/advertiser/api-keys', advertiserSession, {
    name: 'shop',
  });
  const terms = (await readFile(join(packageRoot(), 'programs', 'kabelkoning.yaml'), 'utf8'))
    .replace(/^id: kabelkoning$/m, `id: ${slug}`)
    .replace(/^name: Kabelkoning$/m, `name: ${name}`)
    .replace(/^advertiser: .*$/m, `advertiser: ${name} B.V.`)
    .replace(/^landingUrl: .*$/m, `landingUrl: https://www.${slug}.example/`)
    .replace(/domains: \[kabelkoning\.example\]/, `domains: [${slug}.example]`)
    .replace(/^brands: .*$/m, `brands: [${slug}]`);
  let programId: string | undefined;
  if (options.setup === undefined)
    ({ programId } = await call('POST', '/api/v1/programs', apiKey!, terms, 'text/yaml'));
  else {
    const browser = client(t);
    await browser.login(email, password);
    await browser.get('/advertiser/programs/new');
    const created = await browser.submit('/advertiser/programs/new', {
      ...setupFormFields({ ...options.setup, id: slug, name }),
      action: 'create',
    });
    programId = /^\/advertiser\/terms\/(prg_[\w-]+)/.exec(created.location)?.[1];
    expect(programId, created.location).toBeDefined();
  }
  await reviewProgram(t, admin, programId!, 'approved');
  await t.network.refreshIfChanged();
  const publisher = await sessionToken(t, t.demo.publisher.email, t.demo.publisher.password);
  const applied = await call('POST', '/api/v1/publisher/applications', publisher, {
    programId,
    siteId: t.demo.siteId,
    acceptRules: true,
  });
  await call('POST', `/api/v1/advertiser/applications/${applied.id}/decision`, advertiserSession, {
    decision: 'approve',
  });
  await t.network.refreshIfChanged();
  return {
    programId: programId!,
    apiKey: apiKey!,
    advertiserSession,
    advertiserEmail: email,
    advertiserPassword: password,
    admin,
  };
}
