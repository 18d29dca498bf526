import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { AccessSession } from '../../../../shared/api';
import { ApiError } from '../../../errors';
import { audit } from '../../../Services';
import type { Services } from '../../../Services';
import type { SessionRecord } from '../../../storage/Storage';
import { requirePrincipal } from '../../access';
import type { AppEnv } from '../../AppEnv';
import { SESSION_COOKIE } from '../../authenticate';
import { DEVICE_COOKIE, setDeviceCookie, setSessionCookie } from '../../sessionCookie';
import { parseBody } from '../../validate';
import { createTokenBody, loginBody } from './schema';

/** A session or token as its owner sees it: never the secret or its hash. */
function publicSession(session: SessionRecord, current: string | undefined): AccessSession {
  return {
    id: session.id,
    kind: session.kind,
    name: session.name,
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    revokedAt: session.revokedAt,
    lastUsedAt: session.lastUsedAt,
    current: session.id === current,
  };
}

/** `/api/auth`: sign in and out, who am I, personal access tokens, and revoking sessions. */
export function authRoutes(services: Services): Hono<AppEnv> {
  const { auth, storage, registry } = services;
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const body = await parseBody(c, loginBody);
    const { token, principal, deviceToken } = await auth.login({
      email: body.email,
      password: body.password,
      address: c.get('clientAddress'),
      deviceToken: getCookie(c, DEVICE_COOKIE),
    });
    setSessionCookie(c, token, principal.session.expiresAt);
    if (deviceToken) setDeviceCookie(c, deviceToken);
    await audit(services, {
      actorId: principal.user.id,
      draftId: null,
      action: 'auth.login',
      details: { sessionId: principal.session.id },
    });
    return c.json({ token, user: auth.publicUser(principal) });
  });

  // Ends only the session (or token) this request came with: the person's other browsers and
  // their personal access tokens go on working until revoked under /sessions.
  app.post('/logout', async (c) => {
    const current = c.get('auth');
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    if (current) {
      await storage.revokeSession(current.principal.session.id, new Date());
      await registry.closeSession(current.principal.session.id);
      await audit(services, {
        actorId: current.principal.user.id,
        draftId: null,
        action: 'auth.logout',
        details: { sessionId: current.principal.session.id },
      });
    }
    return c.json({ ok: true });
  });

  app.get('/me', (c) => {
    const principal = requirePrincipal(c);
    return c.json({ user: auth.publicUser(principal) });
  });

  app.get('/sessions', async (c) => {
    const principal = requirePrincipal(c);
    const sessions = await storage.listSessions(principal.user.id);
    return c.json({ sessions: sessions.map((session) => publicSession(session, principal.session.id)) });
  });

  app.post('/tokens', async (c) => {
    const principal = requirePrincipal(c);
    const body = await parseBody(c, createTokenBody);
    const { token, session } = await auth.createAccessToken(principal, body.name, body.expiresInDays);
    await audit(services, {
      actorId: principal.user.id,
      draftId: null,
      action: 'auth.token_created',
      details: { sessionId: session.id, name: body.name, expiresAt: session.expiresAt },
    });
    return c.json({ token, session: publicSession(session, principal.session.id) }, 201);
  });

  app.delete('/sessions/:sessionId', async (c) => {
    const principal = requirePrincipal(c);
    const sessionId = c.req.param('sessionId');
    if (!(await auth.revoke(principal, sessionId)))
      throw new ApiError(404, 'session_not_found', 'You have no session or token with that id.');
    await registry.closeSession(sessionId);
    await audit(services, {
      actorId: principal.user.id,
      draftId: null,
      action: 'auth.session_revoked',
      details: { sessionId },
    });
    return c.json({ ok: true });
  });

  return app;
}
