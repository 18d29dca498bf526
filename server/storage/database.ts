import type { Generated } from 'kysely';
import type { AmendmentStatus } from '../../shared/review/amendmentStatus';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import type { AmendmentKind } from '../../shared/review/types';

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
    /** Counts per draft (1, 2, …), continuing after compaction from the state's `up_to_seq`. */
    seq: number;
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
  comments: {
    id: string;
    draft_id: string;
    parent_id: string | null;
    author_id: string;
    author_role: 'chair' | 'delegate' | 'observer';
    body: string;
    /** JSON CommentAnchor. */
    anchor: string;
    anchor_state: 'attached' | 'text-removed' | 'clause-removed';
    /** The words under a span anchor when last seen (to find them again after a move). */
    anchor_text: string | null;
    /** JSON array of affiliation ids. */
    mentions: string;
    created_at: string;
    edited_at: string | null;
    resolved_at: string | null;
    resolved_by: string | null;
    hidden_at: string | null;
    hidden_by: string | null;
    hidden_reason: string | null;
  };
  comment_periods: {
    id: string;
    draft_id: string;
    starts_at: string;
    ends_at: string;
    opened_by: string;
    created_at: string;
    closed_at: string | null;
    closed_by: string | null;
  };
  versions: {
    id: string;
    draft_id: string;
    label: string;
    note: string;
    created_by: string;
    created_at: string;
    /** The Yjs state of the text at the time. */
    state: Uint8Array;
    /** The text as ProseMirror JSON, rendered at the time. */
    document: string;
    published_at: string | null;
    published_by: string | null;
  };
  review_cycles: {
    id: string;
    draft_id: string;
    name: string;
    base_version_id: string;
    phase: ReviewPhase;
    /** JSON ReviewSchedule. */
    schedule: string;
    opened_by: string;
    created_at: string;
    phase_changed_at: string;
    consolidated_version_id: string | null;
    consolidated_by: string | null;
    consolidated_at: string | null;
  };
  amendments: {
    id: string;
    cycle_id: string;
    draft_id: string;
    number: number | null;
    kind: AmendmentKind;
    clause_id: string;
    /** JSON clause node, or null for a deletion. */
    proposed: string | null;
    justification: string;
    /** JSON array of pillar keys. */
    pillars: string;
    sponsor_id: string;
    created_by: string;
    created_at: string;
    submitted_at: string | null;
    updated_at: string;
    status: AmendmentStatus;
    /** JSON clause node as orally revised. */
    revised: string | null;
    /** JSON array of TransitionRecord. */
    transitions: string;
  };
  amendment_cosponsors: {
    amendment_id: string;
    affiliation_id: string;
    status: 'requested' | 'accepted';
    requested_by: string;
    requested_at: string;
    accepted_at: string | null;
  };
  amendment_statements: {
    amendment_id: string;
    affiliation_id: string;
    stance: 'support' | 'objection';
    note: string;
    by: string;
    at: string;
  };
  review_resolutions: {
    cycle_id: string;
    clause_id: string;
    /** JSON array of clause nodes. */
    clauses: string;
    note: string;
    by: string;
    at: string;
  };
  review_visits: {
    cycle_id: string;
    user_id: string;
    seen_at: string;
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
