import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSession } from '../testing/session';
import { DEMO, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { securityHeaders } from './securityHeaders';

/** A Content-Security-Policy as a map from directive to its sources. */
function policy(header: string | null): Map<string, string[]> {
  expect(header, 'a Content-Security-Policy header').toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** The headers every response carries, whatever it is. */
function expectCommonHeaders(headers: Headers): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('same-origin');
}

/** Whether a source would let a page load from another origin (a host, a scheme like `https:`, or `*`). */
function allowsRemote(source: string): boolean {
  return source === '*' || /^[a-z-]+:(?!$)/i.test(source) || /^(?:https?|wss?):$/i.test(source) || /\./.test(source);
}

let s: TestServer;
let chair: TestSession;
let draftId: string;
let versionId: string;
beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
  const draft = await chair.api('/api/drafts', {
    method: 'POST',
    json: { title: 'Norms', template: 'pillar-framework' },
  });
  draftId = (draft.body.draft as { id: string }).id;
  const version = await chair.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Rev.1' } });
  versionId = (version.body.version as { id: string }).id;
  const published = await chair.api(`/api/drafts/${draftId}/versions/${versionId}/publish`, {
    method: 'POST',
    json: { published: true },
  });
  expect(published.status).toBe(200);
});
afterAll(async () => {
  await s.close();
});

describe('security headers', () => {
  it('the app page and its client-side routes: a strict policy with no inline script or style', async () => {
    for (const route of ['/', `/drafts/${draftId}`]) {
      const response = await fetch(`${s.url}${route}`);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expectCommonHeaders(response.headers);
      const csp = policy(response.headers.get('content-security-policy'));
      const host = new URL(s.url).host;
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
      expect(csp.get('connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      // The built page itself holds no inline script or style the policy would refuse.
      const html = await response.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/<style|\sstyle=/i);
    }
  });

  it('a Host header that is not a plain host name never reaches the policy', async () => {
    // The Node adapter already answers 400 to such a request; the policy does not count on it.
    const app = new Hono().use(securityHeaders()).get('/', (c) => c.text('page'));
    const response = await app.request('/', { headers: { host: "evil.example; script-src 'unsafe-inline'" } });
    const header = response.headers.get('content-security-policy');
    expect(policy(header).get('connect-src')).toEqual(["'self'"]);
    expect(policy(header).get('script-src')).toEqual(["'self'"]);
    expect(header).not.toContain('evil.example');
  });

  it('a static asset of the built client', async () => {
    const script = /<script[^>]*\ssrc="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(s.url)).text())?.[1];
    expect(script).toBeTruthy();
    for (const asset of [script!, '/favicon.svg']) {
      const response = await fetch(`${s.url}${asset}`);
      expect(response.status).toBe(200);
      expectCommonHeaders(response.headers);
      expect(policy(response.headers.get('content-security-policy')).get('script-src')).toEqual(["'self'"]);
    }
  });

  it('API answers and errors: a policy that runs and loads nothing', async () => {
    for (const [route, status] of [
      ['/api/health', 200],
      ['/api/drafts', 401],
      ['/api/no-such-route', 404],
    ] as const) {
      const response = await fetch(`${s.url}${route}`);
      expect(response.status).toBe(status);
      expectCommonHeaders(response.headers);
      const csp = policy(response.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect([...csp.keys()]).not.toContain('script-src');
    }
  });

  it('HTML exports, public and draft-scoped: a policy that allows no remote load and no script', async () => {
    const exports = [
      [`/api/public/versions/${versionId}/export?format=html`, undefined],
      [`/api/drafts/${draftId}/export?format=html`, chair.token],
      [`/api/drafts/${draftId}/compare?from=${versionId}&to=live&format=html`, chair.token],
    ] as const;
    for (const [route, token] of exports) {
      const response = await fetch(`${s.url}${route}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(response.status, route).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expectCommonHeaders(response.headers);
      const csp = policy(response.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('style-src')).toEqual(["'unsafe-inline'"]);
      expect(csp.get('img-src')).toEqual(['data:']);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect([...csp.values()].flat().filter(allowsRemote)).toEqual([]);
      expect([...csp.keys()]).not.toContain('script-src');
      // The page carries its own policy too, for when the download is opened from disk.
      expect(await response.text()).toMatch(
        /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/,
      );
    }
  });
});
