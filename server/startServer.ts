import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { APP_ROOT } from './appRoot';
import { AuthService } from './auth/AuthService';
import { authorizeCollab } from './auth/authorizeCollab';
import { CollabServer } from './collab/CollabServer';
import { DocumentRegistry } from './collab/DocumentRegistry';
import type { Config } from './config';
import { CommentService } from './comments/CommentService';
import { ReviewService } from './review/ReviewService';
import { VersionService } from './versions/VersionService';
import type { StoredDraftsReport } from './drafts/checkStoredDrafts';
import { checkStoredDrafts } from './drafts/checkStoredDrafts';
import { DraftRecovery } from './drafts/DraftRecovery';
import { DraftService } from './drafts/DraftService';
import { repairClauseIds } from './drafts/repairClauseIds';
import { lockDemoAccounts, seedDemoOnce } from './demo/seedDemo';
import { PeopleService } from './people/PeopleService';
import type { Services } from './Services';
import { createApp } from './http/createApp';
import type { Logger } from './logger';
import { createLogger } from './logger';
import { shapeLiveEvent } from './liveEvents';
import { RedisPeers } from './cluster/RedisPeers';
import { RefusalBudget } from './collab/RefusalBudget';
import { describeStorage, openStorage } from './storage/openStorage';
import { StorageHealth, roomProbe } from './storage/StorageHealth';

/** Where `npm run build` puts the client. */
export const DEFAULT_CLIENT_DIR = path.join(APP_ROOT, 'dist/client');

/** The meta key the storage health probe writes (the time of the last probe). */

/** A running Accord server: its services, where it listens, and how to stop it. */
export interface RunningServer extends Services {
  /** Base URL, for example `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  /** Every route of the JSON API, as registered (method and path pattern): what the route tests must cover. */
  apiRoutes: { method: string; path: string }[];
  /** Resolves with what the start-up check of the stored drafts found (it runs once listening). */
  storedDraftsChecked: Promise<StoredDraftsReport>;
  /** Stops accepting, stores everything pending, closes the database. */
  close(): Promise<void>;
}

/** Starts Accord: storage, the HTTP API and client, and the collab websocket, all on one port. */
export async function startServer(
  config: Config,
  options: { clientDir?: string; logger?: Logger } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const storageHealth = new StorageHealth();
  const storage = await openStorage(config, { logger, health: storageHealth });
  storageHealth.useProbe(roomProbe(storage));
  const peers = config.redisUrl === null ? null : await RedisPeers.connect(config.redisUrl, config.redisPrefix, logger);
  const registry = new DocumentRegistry(
    storage,
    logger,
    {
      storageHealth,
      compactAfterUpdates: config.compactAfterUpdates,
      unloadAfterMs: config.draftUnloadAfterMs,
      refusals: new RefusalBudget(
        config.refusalRebuildBytesPerMinute,
        peers && { redis: peers.publisher, prefix: config.redisPrefix },
      ),
      maintain: ({ draftId, doc, writeAsServer, changedClauseIds, structureChanged }) => {
        // Ids live in clause attributes: typing inside existing text cannot duplicate or drop one.
        const repaired = structureChanged ? repairClauseIds(doc, writeAsServer) : 0;
        if (repaired > 0) logger.info({ draftId, repaired }, 'repaired clause ids');
        comments
          .onClausesChanged(draftId, doc, changedClauseIds)
          .catch((error: unknown) => logger.error({ err: error, draftId }, 'updating comment anchors failed'));
      },
    },
    { peers, shapeEvent: shapeLiveEvent },
  );
  const drafts = new DraftService(storage, registry, logger);
  const recovery = new DraftRecovery(storage, registry, logger);
  const slowdown = { firstDelayMs: config.loginFirstDelayMs, maxDelayMs: config.loginMaxDelayMs };
  const auth = new AuthService(storage, logger, {
    sessionTtlMs: config.sessionTtlMs,
    accountThrottle: { freeAttempts: config.loginAttemptsPerAccount, ...slowdown },
    addressThrottle: { freeAttempts: config.loginAttemptsPerAddress, ...slowdown },
  });
  const people = new PeopleService(storage);
  const comments = new CommentService(storage, registry, logger, {
    perMinute: config.commentsPerMinute,
    shared: peers && { redis: peers.publisher, prefix: config.redisPrefix },
  });
  const versions = new VersionService(storage, registry);
  const review = new ReviewService(storage, registry, versions, logger);
  const services: Services = {
    storage,
    storageHealth,
    registry,
    drafts,
    recovery,
    auth,
    people,
    comments,
    versions,
    review,
    logger,
  };
  if (config.demo) await seedDemoOnce(services);
  else await lockDemoAccounts(services);

  const app = createApp(services, options.clientDir ?? DEFAULT_CLIENT_DIR, { trustedProxies: config.trustProxy });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server;
  const collab = new CollabServer(server, {
    registry,
    logger,
    maxMessageBytes: config.maxMessageBytes,
    authorize: authorizeCollab(auth, storage),
  });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const displayHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${displayHost}:${port}`;
  logger.info({ url, ...describeStorage(config) }, 'listening');
  const storedDraftsChecked = checkStoredDrafts(storage, registry, logger);
  storedDraftsChecked.catch((error: unknown) => logger.error({ err: error }, 'checking the stored drafts failed'));

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      collab.stopAccepting();
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await storedDraftsChecked.catch(() => undefined);
      await registry.closeAll();
      collab.close();
      server.closeAllConnections();
      await httpClosed;
      storageHealth.stopProbing();
      await peers?.close();
      await storage.close();
      logger.info('stopped');
    })();
    return closing;
  };
  const apiRoutes = app.routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
    .map((route) => ({ method: route.method, path: route.path }));
  return { ...services, url, port, apiRoutes, storedDraftsChecked, close };
}
