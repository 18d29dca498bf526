import { Hono } from 'hono';
import type { Services } from '../../../Services';
import type { AppEnv } from '../../AppEnv';

/** What `/api/health` answers while the database cannot be written. */
export interface FailingHealthBody {
  status: 'failing';
  /** Each part that fails: today only the database. */
  failing: { database: { code: string; since: string; message: string } };
}

/**
 * `/api/health`: 200 `{ status: 'ok' }` while the server can save, 503 with the failing part
 * while writes to the database fail (the disk is full or failing, or PostgreSQL cannot be
 * reached), so a load balancer or monitor notices. While failing it first tries a tiny write itself, so it turns healthy again as soon as
 * the operator has made room, without waiting for someone's change to succeed.
 */
export function healthRoute(services: Pick<Services, 'storageHealth'>): Hono<AppEnv> {
  const { storageHealth } = services;
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    await storageHealth.check();
    const failure = storageHealth.failing;
    if (failure === null) return c.json({ status: 'ok' });
    const message =
      'The server cannot write to its database (the disk may be full or failing, or the database server unreachable).';
    return c.json<FailingHealthBody>({ status: 'failing', failing: { database: { ...failure, message } } }, 503);
  });
  return app;
}
