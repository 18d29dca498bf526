/** The audit log: who did what to which draft, kept apart from the text. Part of {@link Storage}. */
export interface AuditStorage {
  appendAudit(entry: Omit<AuditRecord, 'id'>): Promise<void>;
  /** Newest first, of one draft or of all. */
  listAudit(filter: { draftId?: string; limit: number }): Promise<AuditRecord[]>;
}

/** One entry of the audit log; `details` is whatever the action needs to be understood later. */
export interface AuditRecord {
  id: number;
  at: string;
  actorId: string | null;
  draftId: string | null;
  action: string;
  details: Record<string, unknown>;
}
