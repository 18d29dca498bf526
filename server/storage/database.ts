import type { Generated } from 'kysely';

/** Table types of the relational database, shared by every Kysely-backed storage. */
export interface Database {
  drafts: {
    id: string;
    title: string;
    created_at: string;
    updated_at: string;
    archived_at: string | null;
  };
  document_updates: {
    seq: Generated<number>;
    draft_id: string;
    data: Uint8Array;
    created_at: string;
    author_id: string | null;
  };
  document_changes: {
    id: Generated<number>;
    draft_id: string;
    author_id: string | null;
    at: string;
    /** JSON array of clause ids. */
    clause_ids: string;
  };
  affiliations: {
    id: string;
    kind: 'delegation' | 'organisation';
    name: string;
    code: string | null;
    created_at: string;
  };
  users: {
    id: string;
    email: string;
    name: string;
    password_hash: string;
    affiliation_id: string;
    can_create_drafts: number;
    created_at: string;
  };
  sessions: {
    id: string;
    token_hash: string;
    user_id: string;
    kind: 'session' | 'token';
    name: string | null;
    created_at: string;
    expires_at: string | null;
    revoked_at: string | null;
  };
  memberships: {
    draft_id: string;
    user_id: string;
    role: 'chair' | 'delegate' | 'observer';
    created_at: string;
  };
  invites: {
    id: string;
    token_hash: string;
    draft_id: string;
    role: 'chair' | 'delegate' | 'observer';
    affiliation_id: string;
    created_by: string;
    created_at: string;
    expires_at: string;
    accepted_at: string | null;
    accepted_by: string | null;
    revoked_at: string | null;
  };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor_id: string | null;
    draft_id: string | null;
    action: string;
    /** JSON object. */
    details: string;
  };
  document_states: {
    draft_id: string;
    data: Uint8Array;
    up_to_seq: number;
    compacted_at: string;
  };
  meta: {
    key: string;
    value: string;
  };
}
