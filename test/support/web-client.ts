import { expect } from 'vitest';
import type { TestNetwork } from './network.js';

/** A browser-like client: keeps cookies, reads the CSRF token from each page's forms. */
export function client(t: Pick<TestNetwork, 'app'>) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (setCookie: string | string[] | undefined) => {
    for (const line of [setCookie ?? []].flat()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  };
  let csrf = '';
  return {
    /** Holds `name=value` as if the site had set it (e.g. a session made through the API). */
    useCookie(name: string, value: string) {
      jar.set(name, value);
    },
    /** A cookie this client holds (to replay it altered). */
    cookie(name: string) {
      return jar.get(name);
    },
    async get(url: string, headers: Record<string, string> = {}) {
      const response = await t.app.inject({
        url,
        headers: { accept: 'text/html', cookie: cookieHeader(), ...headers },
      });
      remember(response.headers['set-cookie']);
      csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1] ?? csrf;
      return response;
    },
    async post(
      url: string,
      form: Record<string, string | string[]>,
      withCsrf = true,
      headers: Record<string, string> = {},
    ) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
      if (withCsrf) body.set('_csrf', csrf);
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: {
          accept: 'text/html',
          cookie: cookieHeader(),
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        payload: body.toString(),
      });
      remember(response.headers['set-cookie']);
      csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1] ?? csrf;
      return response;
    },
    /**
     * A form post that succeeds, as a browser follows it (Post/Redirect/Get): 303 to a page of
     * this site, whose GET shows the outcome. Returns that page; `posted` is the 303.
     */
    async submit(url: string, form: Record<string, string | string[]>) {
      return this.follow(await this.post(url, form));
    },
    /** Follows a form post's 303 to the page of this site that shows its outcome. */
    async follow(posted: Awaited<ReturnType<TestNetwork['app']['inject']>>) {
      expect(posted.statusCode, posted.body).toBe(303);
      const location = String(posted.headers.location);
      expect(location).toMatch(/^\/(?!\/)/);
      return Object.assign(await this.get(location), { posted, location });
    },
    /** A multipart form post (file uploads, text or bytes), with the page's CSRF token. */
    async postMultipart(
      url: string,
      fields: Record<string, string>,
      files: { name: string; filename: string; type: string; content: string | Buffer }[],
    ) {
      const boundary = '----affnet-test-boundary';
      const parts = [
        ...Object.entries({ _csrf: csrf, ...fields }).map(
          ([name, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        ),
        ...files.flatMap((file) => [
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
          file.content,
          '\r\n',
        ]),
        `--${boundary}--\r\n`,
      ];
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: {
          accept: 'text/html',
          cookie: cookieHeader(),
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: Buffer.concat(parts.map((part) => Buffer.from(part))),
      });
      remember(response.headers['set-cookie']);
      csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1] ?? csrf;
      return response;
    },
    async login(email: string, password: string) {
      await this.get('/login');
      const response = await this.post('/login', { email, password });
      expect(response.statusCode).toBe(303);
      return response;
    },
    /** The first admin's login: the one-time password must be replaced before anything else. */
    async loginAsFirstAdmin(admin: { email: string; password: string }) {
      const login = await this.login(admin.email, admin.password);
      expect(login.headers.location).toBe('/account/password');
      expect((await this.get('/admin')).statusCode).toBe(403);
      await this.get('/account/password');
      const changed = await this.post('/account/password', {
        currentPassword: admin.password,
        newPassword: `${admin.password}-new`,
      });
      expect(changed.statusCode).toBe(303);
      expect((await this.get('/admin')).statusCode).toBe(200);
      return `${admin.password}-new`;
    },
  };
}
