import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiErrorBody } from '../../shared/api';
import { ApiError, storageUnavailable } from '../errors';
import { isStorageFailure } from '../storage/storageFailure';
import type { Services } from '../Services';
import type { AppEnv } from './AppEnv';
import { authenticate } from './authenticate';
import { checkOrigin } from './checkOrigin';
import { resolveClientAddress } from './clientAddress';
import { apiPolicy, securityHeaders } from './securityHeaders';
import { affiliationRoutes } from './routes/affiliations/affiliations';
import { authRoutes } from './routes/auth/auth';
import { clauseRoutes } from './routes/clauses/clauses';
import { negotiationRoutes } from './routes/negotiation/negotiation';
import { suggestionRoutes } from './routes/suggestions/suggestions';
import { numberingRoutes } from './routes/numbering/numbering';
import { commentRoutes } from './routes/comments/comments';
import { reviewRoutes } from './routes/review/review';
import { draftRoutes } from './routes/drafts/drafts';
import { healthRoute } from './routes/health/health';
import { historyRoutes } from './routes/history/history';
import { importRoutes } from './routes/imports/imports';
import { inviteRoutes } from './routes/invites/invites';
import { memberRoutes } from './routes/members/members';
import { openApiRoute } from './routes/openapi/openapi';
import { recoveryRoutes } from './routes/recovery/recovery';
import { versionRoutes } from './routes/versions/versions';

/** Largest JSON body the API accepts. */
const MAX_API_BODY_BYTES = 1024 * 1024;

/**
 * The HTTP side of Accord: the JSON API under `/api` and the built client for every other path
 * (with `index.html` for client-side routes). Every response carries the security headers
 * (`securityHeaders.ts`). Every request is authenticated first; every route checks the caller's
 * role on what it touches. Errors are JSON with a stable `error` id; a stack
 * trace never reaches a client.
 */
export function createApp(
  services: Services,
  clientDir: string,
  options: { trustedProxies: readonly string[] } = { trustedProxies: [] },
): Hono<AppEnv> {
  const { logger } = services;
  const app = new Hono<AppEnv>();

  app.use('*', securityHeaders());
  app.use('/api/*', apiPolicy());
  app.use('/api/*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        userId: c.get('auth')?.principal.user.id,
      },
      'api request',
    );
  });
  const apiBodyLimit = bodyLimit({
    maxSize: MAX_API_BODY_BYTES,
    onError: (c) =>
      c.json<ApiErrorBody>({ error: 'body_too_large', message: 'The request body is larger than 1 MiB.' }, 413),
  });
  // File imports set their own, larger limit (MAX_IMPORT_BYTES).
  app.use('/api/*', (c, next) => (/^\/api\/imports(?:\/|$)/.test(c.req.path) ? next() : apiBodyLimit(c, next)));
  app.use('/api/*', resolveClientAddress(options.trustedProxies));
  app.use('/api/*', authenticate(services.auth));
  app.use('/api/*', checkOrigin());

  app.route('/api/health', healthRoute(services));
  app.route('/api/openapi.json', openApiRoute());
  app.route('/api/auth', authRoutes(services));
  app.route('/api/affiliations', affiliationRoutes(services));
  app.route('/api/drafts', draftRoutes(services));
  app.route('/api/drafts', clauseRoutes(services));
  app.route('/api/drafts', negotiationRoutes(services));
  app.route('/api/drafts', suggestionRoutes(services));
  app.route('/api/drafts', numberingRoutes(services));
  app.route('/api/drafts', memberRoutes(services));
  app.route('/api/drafts', historyRoutes(services));
  app.route('/api/drafts', commentRoutes(services));
  app.route('/api/drafts', reviewRoutes(services));
  app.route('/api/drafts', recoveryRoutes(services));
  const versions = versionRoutes(services);
  app.route('/api/drafts', versions.draftScoped);
  app.route('/api/public/versions', versions.published);
  const invites = inviteRoutes(services);
  app.route('/api/drafts', invites.draftScoped);
  app.route('/api/invites', invites.byToken);
  app.route('/api/imports', importRoutes(services));
  app.all('/api/*', (c) =>
    c.json<ApiErrorBody>({ error: 'not_found', message: `There is no API route ${c.req.method} ${c.req.path}.` }, 404),
  );

  mountClient(app, clientDir);

  app.onError((failure, c) => {
    let error = failure;
    if (isStorageFailure(error)) {
      logger.error({ err: error, method: c.req.method, path: c.req.path }, 'the database could not be written');
      error = storageUnavailable();
    }
    // A refused request never carries a session, whatever the route had set before it failed.
    c.header('Set-Cookie', undefined);
    if (error instanceof ApiError) {
      const body: ApiErrorBody = { error: error.id, message: error.message };
      if (error.details !== undefined) body.details = error.details;
      if (error.status === 429) {
        const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) c.header('Retry-After', String(retry));
      }
      return c.json(body, error.status);
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error in a request');
    return c.json<ApiErrorBody>(
      { error: 'internal_error', message: 'Something went wrong on the server. The error has been logged.' },
      500,
    );
  });
  app.notFound((c) => c.json<ApiErrorBody>({ error: 'not_found', message: 'Nothing is here.' }, 404));

  return app;
}

function mountClient(app: Hono<AppEnv>, clientDir: string): void {
  const indexFile = path.join(clientDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.get('*', (c) =>
      c.text('The Accord client has not been built yet: run `npm run build` (npm start does it for you).', 503),
    );
    return;
  }
  const root = path.relative(process.cwd(), clientDir) || '.';
  app.use(
    '/assets/*',
    serveStatic({ root, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }),
  );
  app.use('*', serveStatic({ root }));
  // Read on each request (it is small) so a rebuild while the server runs is served at once.
  app.get('*', async (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(await fs.promises.readFile(indexFile, 'utf8'));
  });
}
