import { isStorageFailure } from './storage/storageFailure';
import type { AuthService } from './auth/AuthService';
import type { DocumentRegistry } from './collab/DocumentRegistry';
import type { CommentService } from './comments/CommentService';
import type { DraftRecovery } from './drafts/DraftRecovery';
import type { DraftService } from './drafts/DraftService';
import type { Logger } from './logger';
import type { PeopleService } from './people/PeopleService';
import type { ReviewService } from './review/ReviewService';
import type { Storage } from './storage/Storage';
import type { StorageHealth } from './storage/StorageHealth';
import type { VersionService } from './versions/VersionService';

/** The server's services, handed to every route: one object instead of a growing parameter list. */
export interface Services {
  storage: Storage;
  /** Whether the database can be written right now (the storage reports each write to it). */
  storageHealth: StorageHealth;
  registry: DocumentRegistry;
  drafts: DraftService;
  recovery: DraftRecovery;
  auth: AuthService;
  people: PeopleService;
  comments: CommentService;
  versions: VersionService;
  review: ReviewService;
  logger: Logger;
}

/**
 * Writes one entry to the audit log: who did what to which draft. Every API action that changes
 * something calls it, after the change is stored. If the disk fails between the two, the change
 * stands and the request succeeds: answering `storage_unavailable` ("nothing was changed") would
 * be untrue. The lost entry is logged with everything it would have said, and the failure reaches
 * `/api/health` through the storage.
 */
export async function audit(
  services: Pick<Services, 'storage' | 'logger'>,
  entry: { actorId: string | null; draftId: string | null; action: string; details?: Record<string, unknown> },
): Promise<void> {
  const record = {
    at: new Date().toISOString(),
    actorId: entry.actorId,
    draftId: entry.draftId,
    action: entry.action,
    details: entry.details ?? {},
  };
  try {
    await services.storage.appendAudit(record);
  } catch (error) {
    if (!isStorageFailure(error)) throw error;
    services.logger.error({ err: error, audit: record }, 'the audit entry of a stored change could not be written');
  }
}
