import { Hono } from 'hono';
import type { AppEnv } from '../../AppEnv';
import type { OpenApiDocument } from '../../openApiDocument';
import { openApiDocument } from '../../openApiDocument';

/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 description of the JSON API, for anyone, signed in or
 * not (it says what the routes accept, nothing of what a draft holds). Built on the first request
 * from the table of operations (routes/apiOperations.ts) and kept: it changes only with the code.
 */
export function openApiRoute(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let document: OpenApiDocument | undefined;
  app.get('/', (c) => c.json((document ??= openApiDocument())));
  return app;
}
