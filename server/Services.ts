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
 * something calls it.
 */
export async function audit(
  services: Pick<Services, 'storage'>,
  entry: { actorId: string | null; draftId: string | null; action: string; details?: Record<string, unknown> },
): Promise<void> {
  await services.storage.appendAudit({
    at: new Date().toISOString(),
    actorId: entry.actorId,
    draftId: entry.draftId,
    action: entry.action,
    details: entry.details ?? {},
  });
}
