import type {
  AlternativeSupportRecord,
  BracketHoldingRecord,
  SettlementRecord,
  SuggestionDecisionRecord,
  SuggestionStanceRecord,
} from './NegotiationStorage';
import type { Generated, Kysely } from 'kysely';
import { CamelCasePlugin } from 'kysely';
import type { AmendmentStatus } from '../../shared/review/amendmentStatus';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import type { AmendmentKind } from '../../shared/review/types';

/**
 * Table types of the relational database, shared by every Kysely-backed storage. Tables and
 * columns are named here as the code reads them (camelCase, the records' own field names);
 * {@link withCamelCase} maps them to the snake_case names of the schema, which the migrations
 * (`migrations.ts`) write and which never change.
 */
export interface Database {
  drafts: {
    id: string;
    title: string;
    createdAt: string;
    updatedAt: string;
    archivedAt: string | null;
    /** Set while the draft is in facilitator mode: when the chair turned it on. */
    facilitatorSince: string | null;
    /** The draft's taxonomy, JSON `Pillar[]`. */
    pillars: string;
  };
  documentUpdates: {
    /** Counts per draft (1, 2, …), continuing after compaction from the state's `upToSeq`. */
    seq: number;
    draftId: string;
    data: Uint8Array;
    createdAt: string;
    authorId: string | null;
  };
  documentChanges: {
    id: Generated<number>;
    draftId: string;
    authorId: string | null;
    at: string;
    /** JSON array of clause ids. */
    clauseIds: string;
    /** JSON object of {@link ClauseTexts} by clause id, for the clauses whose words changed; null in rows written before. */
    clauseTexts: string | null;
  };
  affiliations: {
    id: string;
    kind: 'delegation' | 'organisation';
    name: string;
    code: string | null;
    createdAt: string;
  };
  users: {
    id: string;
    email: string;
    name: string;
    passwordHash: string;
    affiliationId: string;
    canCreateDrafts: number;
    createdAt: string;
  };
  sessions: {
    id: string;
    tokenHash: string;
    userId: string;
    kind: 'session' | 'token';
    name: string | null;
    createdAt: string;
    expiresAt: string | null;
    revokedAt: string | null;
    lastUsedAt: string | null;
  };
  loginAttempts: {
    key: string;
    attempts: number;
    lastAttemptAt: string;
  };
  loginDevices: {
    tokenHash: string;
    userId: string;
    createdAt: string;
    expiresAt: string;
  };
  memberships: {
    draftId: string;
    userId: string;
    role: 'chair' | 'delegate' | 'observer';
    createdAt: string;
  };
  invites: {
    id: string;
    tokenHash: string;
    draftId: string;
    role: 'chair' | 'delegate' | 'observer';
    affiliationId: string;
    createdBy: string;
    createdAt: string;
    expiresAt: string;
    acceptedAt: string | null;
    acceptedBy: string | null;
    revokedAt: string | null;
  };
  comments: {
    id: string;
    draftId: string;
    parentId: string | null;
    authorId: string;
    authorRole: 'chair' | 'delegate' | 'observer';
    body: string;
    /** JSON CommentAnchor. */
    anchor: string;
    anchorState: 'attached' | 'text-removed' | 'clause-removed';
    /** The words under a span anchor when last seen (to find them again after a move). */
    anchorText: string | null;
    /** JSON array of affiliation ids. */
    mentions: string;
    createdAt: string;
    editedAt: string | null;
    resolvedAt: string | null;
    resolvedBy: string | null;
    hiddenAt: string | null;
    hiddenBy: string | null;
    hiddenReason: string | null;
  };
  commentPeriods: {
    id: string;
    draftId: string;
    startsAt: string;
    endsAt: string;
    openedBy: string;
    createdAt: string;
    closedAt: string | null;
    closedBy: string | null;
  };
  versions: {
    id: string;
    draftId: string;
    label: string;
    note: string;
    createdBy: string;
    createdAt: string;
    /** The Yjs state of the text at the time. */
    state: Uint8Array;
    /** The text as ProseMirror JSON, rendered at the time. */
    document: string;
    /** The draft's pillars at the time (JSON Pillar[]); null for versions taken before 0015. */
    pillars: string | null;
    publishedAt: string | null;
    publishedBy: string | null;
  };
  reviewCycles: {
    id: string;
    draftId: string;
    name: string;
    baseVersionId: string;
    phase: ReviewPhase;
    /** JSON ReviewSchedule. */
    schedule: string;
    openedBy: string;
    createdAt: string;
    phaseChangedAt: string;
    consolidatedVersionId: string | null;
    consolidatedBy: string | null;
    consolidatedAt: string | null;
  };
  amendments: {
    id: string;
    cycleId: string;
    draftId: string;
    number: number | null;
    kind: AmendmentKind;
    clauseId: string;
    /** JSON clause node, or null for a deletion. */
    proposed: string | null;
    justification: string;
    /** JSON array of pillar keys. */
    pillars: string;
    sponsorId: string;
    createdBy: string;
    createdAt: string;
    submittedAt: string | null;
    updatedAt: string;
    status: AmendmentStatus;
    /** JSON clause node as orally revised. */
    revised: string | null;
    /** JSON array of TransitionRecord. */
    transitions: string;
  };
  amendmentCosponsors: {
    amendmentId: string;
    affiliationId: string;
    status: 'requested' | 'accepted';
    requestedBy: string;
    requestedAt: string;
    acceptedAt: string | null;
  };
  amendmentStatements: {
    amendmentId: string;
    affiliationId: string;
    stance: 'support' | 'objection';
    note: string;
    by: string;
    at: string;
  };
  reviewResolutions: {
    cycleId: string;
    clauseId: string;
    /** JSON array of clause nodes. */
    clauses: string;
    note: string;
    by: string;
    at: string;
  };
  liveChangeDecisions: {
    cycleId: string;
    changeId: string;
    decision: 'keep' | 'discard';
    by: string;
    at: string;
  };
  consolidationRecords: {
    cycleId: string;
    /** JSON ConsolidationRecord. */
    record: string;
  };
  reviewVisits: {
    cycleId: string;
    userId: string;
    seenAt: string;
  };
  auditLog: {
    id: Generated<number>;
    at: string;
    actorId: string | null;
    draftId: string | null;
    action: string;
    /** JSON object. */
    details: string;
  };
  documentStates: {
    draftId: string;
    data: Uint8Array;
    upToSeq: number;
    compactedAt: string;
  };
  documentClients: {
    draftId: string;
    /** A number; PostgreSQL's driver reads a `bigint` as a string. */
    clientId: number | string;
    userId: string;
  };
  meta: {
    key: string;
    value: string;
  };
  bracketHoldings: BracketHoldingRecord;
  alternativeSupport: AlternativeSupportRecord;
  markerSettlements: SettlementRecord;
  suggestionDecisions: SuggestionDecisionRecord;
  suggestionStances: Omit<SuggestionStanceRecord, 'stance'> & { stance: 'support' | 'oppose' };
}

/**
 * The same connection, speaking camelCase: `documentUpdates.draftId` in a query is
 * `document_updates.draft_id` in the SQL, and result rows come back with camelCase keys, so a row
 * is a record without a hand-written mapper. Migrations run without it, on the schema's own names.
 */
export function withCamelCase(db: Kysely<Database>): Kysely<Database> {
  return db.withPlugin(new CamelCasePlugin());
}

/** Drivers hand back Buffers (a Uint8Array subclass); Yjs wants plain bytes, without copying. */
export function toBytes(data: Uint8Array): Uint8Array {
  return data instanceof Buffer ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data;
}
