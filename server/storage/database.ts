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
