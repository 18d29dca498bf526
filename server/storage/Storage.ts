import type { AnchorState, CommentAnchor } from '../../shared/comments';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { PillarKey } from '../../shared/pillars';
import type { AmendmentStatus } from '../../shared/review/amendmentStatus';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import type { AmendmentKind, DecisionMethod, ReviewSchedule } from '../../shared/review/types';

/**
 * The one narrow interface between Accord and its database. Every backend (SQLite today,
 * PostgreSQL later) implements it and passes the same contract suite (`storageContract.ts`).
 *
 * A draft's text is stored as a Yjs update log plus one compacted state row: appending is cheap
 * and durable, and compaction keeps opening a draft fast however long its history grows.
 */
export interface Storage {
  /** Creates a draft with the initial Yjs state of its text. */
  createDraft(draft: NewDraft, initialState: Uint8Array): Promise<DraftRecord>;
  getDraft(id: string): Promise<DraftRecord | undefined>;
  listDrafts(filter: { archived: boolean }): Promise<DraftRecord[]>;
  /**
   * Renames (the cached title), archives/unarchives a draft or records when its text last changed;
   * returns undefined if there is no such draft.
   */
  updateDraft(id: string, patch: DraftPatch): Promise<DraftRecord | undefined>;

  /** Everything stored for a draft's text: the compacted state (if any) and the log after it, in order. */
  loadDocument(draftId: string): Promise<StoredDocument>;
  /**
   * Appends updates to a draft's log, each with its author, in one transaction, and returns the
   * sequence number of the last. Numbers count per draft and keep rising after compaction.
   * Resolves only once the rows are committed. This is on the path of every keystroke: it writes
   * the log and nothing else (the draft's `updatedAt` is written separately, with `updateDraft`).
   */
  appendUpdates(draftId: string, updates: readonly StoredUpdate[], at: Date): Promise<number>;
  /**
   * The same, synchronously, for a backend that can commit without waiting (the embedded SQLite):
   * the last sequence number once committed, or null when it cannot right now (use appendUpdates).
   * Throws if the commit fails.
   */
  appendUpdatesNow?(draftId: string, updates: readonly StoredUpdate[], at: Date): number | null;
  /** Records which clauses each author changed (the draft's history, kept after compaction). */
  appendClauseChanges(draftId: string, changes: readonly ClauseChange[], at: Date): Promise<void>;
  /** Who changed which clauses of a draft, newest first. */
  listClauseChanges(draftId: string, limit: number): Promise<ClauseChangeRecord[]>;
  /**
   * Replaces the state row with `state` and deletes log rows up to and including `upToSeq`,
   * in one transaction. `state` must contain every update up to `upToSeq`.
   */
  compactDocument(draftId: string, state: Uint8Array, upToSeq: number): Promise<void>;

  createAffiliation(affiliation: AffiliationRecord): Promise<AffiliationRecord>;
  getAffiliation(id: string): Promise<AffiliationRecord | undefined>;
  findAffiliation(kind: AffiliationRecord['kind'], name: string): Promise<AffiliationRecord | undefined>;
  listAffiliations(): Promise<AffiliationRecord[]>;

  createUser(user: UserRecord): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  getUserByEmail(email: string): Promise<UserRecord | undefined>;
  countUsers(): Promise<number>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;

  /** A browser session or a personal access token; only the SHA-256 of the secret is stored. */
  createSession(session: SessionRecord): Promise<SessionRecord>;
  getSessionByTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  listSessions(userId: string): Promise<SessionRecord[]>;
  revokeSession(id: string, at: Date): Promise<void>;

  /** Gives a person a role on a draft (replacing any role they had there). */
  setMembership(draftId: string, userId: string, role: MembershipRecord['role'], at: Date): Promise<void>;
  removeMembership(draftId: string, userId: string): Promise<boolean>;
  getMembership(draftId: string, userId: string): Promise<MembershipRecord | undefined>;
  listMemberships(draftId: string): Promise<MembershipRecord[]>;
  /** The drafts a person holds a role on, with that role. */
  listDraftsForUser(
    userId: string,
    filter: { archived: boolean },
  ): Promise<(DraftRecord & { role: MembershipRecord['role'] })[]>;

  createInvite(invite: InviteRecord): Promise<InviteRecord>;
  getInviteByTokenHash(tokenHash: string): Promise<InviteRecord | undefined>;
  listInvites(draftId: string): Promise<InviteRecord[]>;
  /** Marks an invite accepted by `userId`, only if it is still open; returns whether it was. */
  acceptInvite(id: string, userId: string, at: Date): Promise<boolean>;
  revokeInvite(id: string, at: Date): Promise<void>;

  appendAudit(entry: Omit<AuditRecord, 'id'>): Promise<void>;
  listAudit(filter: { draftId?: string; limit: number }): Promise<AuditRecord[]>;

  createComment(comment: CommentRecord): Promise<CommentRecord>;
  getComment(id: string): Promise<CommentRecord | undefined>;
  /** A draft's comments, oldest first (threads read top to bottom). */
  listComments(draftId: string): Promise<CommentRecord[]>;
  updateComment(id: string, patch: CommentPatch): Promise<CommentRecord | undefined>;

  createCommentPeriod(period: CommentPeriodRecord): Promise<CommentPeriodRecord>;
  /** A draft's comment periods, newest first. */
  listCommentPeriods(draftId: string): Promise<CommentPeriodRecord[]>;
  closeCommentPeriod(id: string, by: string, at: Date): Promise<void>;

  /** Stores a named version; versions are immutable except for being published or unpublished. */
  createVersion(version: VersionRecord): Promise<VersionRecord>;
  /** A version with its state and document. */
  getVersion(id: string): Promise<VersionRecord | undefined>;
  /** A draft's versions, oldest first, without their state or document. */
  listVersions(draftId: string): Promise<VersionSummaryRecord[]>;
  setVersionPublished(id: string, by: string | null, at: Date | null): Promise<void>;

  createReviewCycle(cycle: ReviewCycleRecord): Promise<ReviewCycleRecord>;
  getReviewCycle(id: string): Promise<ReviewCycleRecord | undefined>;
  /** A draft's review cycles, newest first. */
  listReviewCycles(draftId: string): Promise<ReviewCycleRecord[]>;
  updateReviewCycle(id: string, patch: ReviewCyclePatch): Promise<void>;

  createAmendment(amendment: AmendmentRecord): Promise<AmendmentRecord>;
  getAmendment(id: string): Promise<AmendmentRecord | undefined>;
  /** A cycle's amendments, oldest first. */
  listAmendments(cycleId: string): Promise<AmendmentRecord[]>;
  updateAmendment(id: string, patch: AmendmentPatch): Promise<void>;
  /** Gives an amendment the cycle's next number (1, 2 …) in one statement, so two submissions never share one; returns it. */
  numberAmendment(id: string): Promise<number>;

  /** Adds or replaces a delegation's co-sponsorship of an amendment. */
  putCoSponsor(coSponsor: CoSponsorRecord): Promise<void>;
  deleteCoSponsor(amendmentId: string, affiliationId: string): Promise<boolean>;
  /** The co-sponsorships of every amendment of a cycle, in the order asked. */
  listCoSponsors(cycleId: string): Promise<CoSponsorRecord[]>;

  /** Adds or replaces a delegation's statement of support or objection. */
  putStatement(statement: StatementRecord): Promise<void>;
  deleteStatement(amendmentId: string, affiliationId: string): Promise<boolean>;
  listStatements(cycleId: string): Promise<StatementRecord[]>;

  /** Adds or replaces the chair's resolution of a conflict on one clause. */
  putResolution(resolution: ResolutionRecord): Promise<void>;
  deleteResolution(cycleId: string, clauseId: string): Promise<boolean>;
  listResolutions(cycleId: string): Promise<ResolutionRecord[]>;

  /** When a person last looked at a cycle's amendments ("new since your last visit"). */
  getReviewVisit(cycleId: string, userId: string): Promise<string | undefined>;
  setReviewVisit(cycleId: string, userId: string, at: Date): Promise<void>;

  /** A small key/value store for server bookkeeping (for example whether the demo was seeded). */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}

/** A draft as stored. Dates are ISO 8601 strings in UTC. */
export interface DraftRecord {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface NewDraft {
  id: string;
  title: string;
  createdAt: Date;
}

export interface DraftPatch {
  title?: string;
  archivedAt?: Date | null;
  /** When the text last changed. */
  updatedAt?: Date;
}

/** A draft's stored text. `lastSeq` is the sequence number of the newest log row (or of the state row's cut-off). */
export interface StoredDocument {
  state: Uint8Array | null;
  updates: Uint8Array[];
  lastSeq: number;
}

/** One update of a draft's text and who sent it (null for the server itself). */
export interface StoredUpdate {
  data: Uint8Array;
  authorId: string | null;
}

/** Which clauses one person changed in one stored batch. */
export interface ClauseChange {
  authorId: string | null;
  clauseIds: string[];
}

export interface ClauseChangeRecord extends ClauseChange {
  id: number;
  at: string;
}

export interface AffiliationRecord {
  id: string;
  kind: 'delegation' | 'organisation';
  name: string;
  code: string | null;
}

/** A person as stored. `passwordHash` never leaves the server. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  affiliationId: string;
  canCreateDrafts: boolean;
  createdAt: string;
}

export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  kind: 'session' | 'token';
  /** A personal access token's name, for the person to recognise it. */
  name: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface MembershipRecord {
  draftId: string;
  userId: string;
  role: 'chair' | 'delegate' | 'observer';
  createdAt: string;
}

export interface InviteRecord {
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
}

export interface AuditRecord {
  id: number;
  at: string;
  actorId: string | null;
  draftId: string | null;
  action: string;
  details: Record<string, unknown>;
}

export interface CommentRecord {
  id: string;
  draftId: string;
  parentId: string | null;
  authorId: string;
  authorRole: 'chair' | 'delegate' | 'observer';
  body: string;
  anchor: CommentAnchor;
  anchorState: AnchorState;
  /** The words under a span anchor when last seen, to find them again after the clause moves. */
  anchorText: string | null;
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  hiddenAt: string | null;
  hiddenBy: string | null;
  hiddenReason: string | null;
}

export type CommentPatch = Partial<
  Pick<
    CommentRecord,
    | 'body'
    | 'anchor'
    | 'anchorState'
    | 'anchorText'
    | 'editedAt'
    | 'resolvedAt'
    | 'resolvedBy'
    | 'hiddenAt'
    | 'hiddenBy'
    | 'hiddenReason'
  >
>;

export interface CommentPeriodRecord {
  id: string;
  draftId: string;
  startsAt: string;
  endsAt: string;
  openedBy: string;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

/** A named, immutable snapshot of a draft's text. */
export interface VersionRecord extends VersionSummaryRecord {
  state: Uint8Array;
  document: DocumentNodeJSON;
}

export interface VersionSummaryRecord {
  id: string;
  draftId: string;
  label: string;
  note: string;
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

/** One round of the periodic review of a draft. */
export interface ReviewCycleRecord {
  id: string;
  draftId: string;
  name: string;
  baseVersionId: string;
  phase: ReviewPhase;
  schedule: ReviewSchedule;
  openedBy: string;
  createdAt: string;
  phaseChangedAt: string;
  consolidatedVersionId: string | null;
  consolidatedBy: string | null;
  consolidatedAt: string | null;
}

export type ReviewCyclePatch = Partial<
  Pick<ReviewCycleRecord, 'phase' | 'phaseChangedAt' | 'consolidatedVersionId' | 'consolidatedBy' | 'consolidatedAt'>
>;

/** A recorded status change of an amendment; `by` is a user id. */
export interface TransitionRecord {
  from: AmendmentStatus;
  to: AmendmentStatus;
  by: string;
  at: string;
  note: string;
  decision: DecisionMethod | null;
}

/** A formal amendment as stored. `sponsorId` is the sponsoring delegation's affiliation id. */
export interface AmendmentRecord {
  id: string;
  cycleId: string;
  draftId: string;
  number: number | null;
  kind: AmendmentKind;
  clauseId: string;
  proposed: DocumentNodeJSON | null;
  justification: string;
  pillars: PillarKey[];
  sponsorId: string;
  createdBy: string;
  createdAt: string;
  submittedAt: string | null;
  updatedAt: string;
  status: AmendmentStatus;
  revised: DocumentNodeJSON | null;
  transitions: TransitionRecord[];
}

export type AmendmentPatch = Partial<
  Pick<
    AmendmentRecord,
    | 'kind'
    | 'clauseId'
    | 'proposed'
    | 'justification'
    | 'pillars'
    | 'submittedAt'
    | 'updatedAt'
    | 'status'
    | 'revised'
    | 'transitions'
  >
>;

export interface CoSponsorRecord {
  amendmentId: string;
  affiliationId: string;
  status: 'requested' | 'accepted';
  requestedBy: string;
  requestedAt: string;
  acceptedAt: string | null;
}

export interface StatementRecord {
  amendmentId: string;
  affiliationId: string;
  stance: 'support' | 'objection';
  note: string;
  by: string;
  at: string;
}

export interface ResolutionRecord {
  cycleId: string;
  clauseId: string;
  clauses: DocumentNodeJSON[];
  note: string;
  by: string;
  at: string;
}
