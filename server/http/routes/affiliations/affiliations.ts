import { Hono } from 'hono';
import type { Services } from '../../../Services';
import { requirePrincipal } from '../../access';
import type { AppEnv } from '../../AppEnv';

/** `GET /api/affiliations`: the delegations and organisations known to this server (for invitation forms). */
export function affiliationRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    requirePrincipal(c);
    return c.json({ affiliations: await services.storage.listAffiliations() });
  });
  return app;
}
