import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiErrorBody } from '../../shared/api';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import type { DraftService } from '../drafts/DraftService';
import { ApiError } from '../errors';
import type { Logger } from '../logger';
import type { Storage } from '../storage/Storage';
import { clauseRoutes } from './routes/clauses/clauses';
import { draftRoutes } from './routes/drafts/drafts';

/** Largest JSON body the API accepts. */
const MAX_API_BODY_BYTES = 1024 * 1024;

export interface AppDeps {
  storage: Storage;
  registry: DocumentRegistry;
  drafts: DraftService;
  logger: Logger;
  /** Directory of the built client (index.html and assets). */
  clientDir: string;
}

/**
 * The HTTP side of Accord: the JSON API under `/api` and the built client for every other path
 * (with `index.html` for client-side routes). Errors are JSON with a stable `error` id; a stack
 * trace never reaches a client.
 */
export function createApp({ storage, registry, drafts, logger, clientDir }: AppDeps): Hono {
  const app = new Hono();

  app.use('/api/*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'api request');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_API_BODY_BYTES,
      onError: (c) => c.json<ApiErrorBody>({ error: 'body_too_large', message: 'The request body is larger than 1 MiB.' }, 413),
    }),
  );

  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  app.route('/api/drafts', draftRoutes({ storage, drafts }));
  app.route('/api/drafts', clauseRoutes({ storage, registry, logger }));
  app.all('/api/*', (c) =>
    c.json<ApiErrorBody>({ error: 'not_found', message: `There is no API route ${c.req.method} ${c.req.path}.` }, 404),
  );

  mountClient(app, clientDir);

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      const body: ApiErrorBody = { error: error.id, message: error.message };
      if (error.details !== undefined) body.details = error.details;
      return c.json(body, error.status);
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error in a request');
    return c.json<ApiErrorBody>({ error: 'internal_error', message: 'Something went wrong on the server. The error has been logged.' }, 500);
  });
  app.notFound((c) => c.json<ApiErrorBody>({ error: 'not_found', message: 'Nothing is here.' }, 404));

  return app;
}

function mountClient(app: Hono, clientDir: string): void {
  const indexFile = path.join(clientDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.get('*', (c) => c.text('The Accord client has not been built yet: run `npm run build` (npm start does it for you).', 503));
    return;
  }
  const root = path.relative(process.cwd(), clientDir) || '.';
  app.use('/assets/*', serveStatic({ root, onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.use('*', serveStatic({ root }));
  // Read on each request (it is small) so a rebuild while the server runs is served at once.
  app.get('*', async (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(await fs.promises.readFile(indexFile, 'utf8'));
  });
}
