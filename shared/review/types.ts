import type { ClauseKind, ClauseStatus } from '../clauses';
import type { DocumentNodeJSON } from '../documentJSON';
import type { PillarKey } from '../pillars';
import type { BlockRedline, ClauseRedline, RedlineChange, WordChange } from '../redline';
import type { AffiliationKind } from '../roles';
import type { AmendmentStatus } from './amendmentStatus';
import type { PointChange } from './pointChanges';
import type { ReviewPhase } from './reviewPhases';

/**
 * The periodic review as the API and the live channel show it.
 *
 * Routes (all under `/api/drafts/:draftId`, members only; see docs/periodic-review.md):
 *   GET  review-cycles                                  → { cycles: ReviewCycle[] }
 *   POST review-cycles { name, baseVersionId, schedule } → 201 { cycle }            (chair; base must be published)
 *   GET  review-cycles/:cycleId                         → { cycle, amendments: Amendment[], lastVisitAt }
 *   POST review-cycles/:cycleId/phase { to }            → { cycle }               (chair, one phase forward)
 *   POST review-cycles/:cycleId/visit                   → { lastVisitAt }         (marks "seen" for the reader)
 *   POST review-cycles/:cycleId/amendments NewAmendment → 201 { amendment }      (delegate of a delegation, submission phase)
 *   GET  review-cycles/:cycleId/amendments/:id          → { amendment }
 *   PATCH review-cycles/:cycleId/amendments/:id  Partial<NewAmendment>  → { amendment }  (sponsor, while draft)
 *   POST review-cycles/:cycleId/amendments/:id/status StatusRequest  → { amendment }
 *        (adopting one marks every pending amendment that cannot stand beside it `fallen`, with the
 *        reason; the chair reinstates one by putting it under consideration again)
 *        | 409 objections_stand { objections } | 409 resolution_required { conflicts, resolution }
 *   POST review-cycles/:cycleId/amendments/:id/adoption-preview { revised? } → AdoptionPreview (chair)
 *   POST review-cycles/:cycleId/amendments/:id/co-sponsors          → { amendment }  (another delegation asks to join)
 *   POST review-cycles/:cycleId/amendments/:id/co-sponsors/:affiliationId { accept: boolean } → { amendment } (sponsor answers)
 *   DELETE review-cycles/:cycleId/amendments/:id/co-sponsors/:affiliationId → { amendment } (the co-sponsor leaves)
 *   PUT  review-cycles/:cycleId/amendments/:id/statement { stance, note } → { amendment } (one per delegation)
 *   DELETE review-cycles/:cycleId/amendments/:id/statement → { amendment }
 *   GET  review-cycles/:cycleId/compilation[?format=json|docx|pdf] → Compilation
 *   GET  review-cycles/:cycleId/amendments/export?format=json|csv|docx
 *   GET  review-cycles/:cycleId/amendments/:id/akn      → Akoma Ntoso `amendment` document
 *   GET  review-cycles/:cycleId/consolidation[?keep=<liveChangeId>,…] → ConsolidationPlan (as if those live changes were kept;
 *        once consolidated, `record` says what the consolidation did)
 *   PUT  review-cycles/:cycleId/resolutions/:clauseId { clauses, note } → ConsolidationPlan (chair)
 *   DELETE review-cycles/:cycleId/resolutions/:clauseId → ConsolidationPlan (chair)
 *   PUT  review-cycles/:cycleId/live-changes/:liveChangeId { decision: 'keep' | 'discard' } → ConsolidationPlan (chair;
 *        kept for when the chair comes back, listed in the plan's `decisions`)
 *        (these three: 409 already_consolidated once consolidated)
 *   POST review-cycles/:cycleId/consolidate { label?, note?, liveChanges: { [liveChangeId]: 'keep' | 'discard' },
 *        addedClauses?: { [amendmentLabel]: ClauseStatus } }
 *        → { cycle, version } | 400 not_an_added_clause | 409 decisions_pending
 *        | 409 live_changes_undecided { liveChanges } | 409 unresolved_conflicts { conflicts }
 *   A live change's id is its clause's id, or `title`, `formula` or `heading:<division or annex id>`.
 * Observer comments on an amendment are ordinary comments whose anchor is `{ clauseId, amendmentId }`.
 */

/** The planned end date (YYYY-MM-DD) of each phase before `closed`. */
export type ReviewSchedule = Record<Exclude<ReviewPhase, 'closed'>, string>;

export interface ReviewCycle {
  id: string;
  draftId: string;
  name: string;
  baseVersion: { id: string; label: string };
  phase: ReviewPhase;
  schedule: ReviewSchedule;
  openedBy: PersonRef;
  createdAt: string;
  phaseChangedAt: string;
  /** Set once the chair has consolidated the cycle. */
  consolidated: { versionId: string; label: string; at: string; by: PersonRef } | null;
  /** Amendments per status, drafts counted only for the reader's own delegation. */
  counts: Partial<Record<AmendmentStatus, number>>;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface AffiliationRef {
  id: string;
  kind: AffiliationKind;
  name: string;
  code: string | null;
}

/**
 * What an amendment does to the base text: change one clause (the proposed clause is the whole
 * clause as amended: its words, and its points at any level added, deleted or changed), add a
 * new clause after one (in the same part, division or annex), or delete one.
 */
export type AmendmentKind = 'modify' | 'add' | 'delete';

/** For a `modify` amendment, what its words do, as shown in lists: derived from the redline. */
export type WordAction = 'replace' | 'insert' | 'delete' | 'none';

export interface NewAmendment {
  kind: AmendmentKind;
  /** The clause amended or deleted, or the clause after which a new one is added (a clause id of the base version). */
  clauseId: string;
  /**
   * A `clause` node in the draft schema: the whole amended clause (modify) or the new clause (add);
   * null for delete. Points nest up to three levels and may hold footnotes; a point keeps the id it
   * has in the base clause, and a new point without one is given one when the proposal is saved.
   */
  proposed: DocumentNodeJSON | null;
  justification: string;
  pillars: PillarKey[];
}

export type DecisionMethod =
  | {
      method: 'consensus';
      /** Recorded by the server: the delegations whose objection stood when the chair recorded consensus. */
      overridden?: AffiliationRef[];
    }
  | { method: 'vote'; inFavour: number; against: number; abstaining: number };

/** A recorded status change: who, when, and for decisions how it was decided. */
export interface AmendmentTransition {
  from: AmendmentStatus;
  to: AmendmentStatus;
  by: PersonRef;
  at: string;
  note: string;
  decision: DecisionMethod | null;
}

/** `POST …/status`: the status asked for, with the decision's record for the chair's decisions. */
export interface StatusRequest {
  to: AmendmentStatus;
  note?: string;
  /** Required for adopted, adopted-as-revised and rejected. */
  decision?: DecisionMethod;
  /** Required for adopted-as-revised: the clause as orally revised (a `clause` node). */
  revised?: DocumentNodeJSON;
  /**
   * Adopting by consensus while a delegation's objection stands needs the chair to say so: without
   * it the answer is 409 `objections_stand`; with it the decision records whose objection it overrode.
   */
  overrideObjections?: boolean;
  /**
   * The final wording of the clause (its clauses: none deletes it), when adopting needs one at once:
   * the amendment cannot stand beside one already adopted to the clause, or the clause has a
   * resolution already. Without it such an adoption is 409 `resolution_required` { conflicts, resolution }.
   */
  resolution?: { clauses: DocumentNodeJSON[]; note?: string };
}

/** `POST …/adoption-preview`: what adopting an amendment (as proposed, or as `revised`) would make fall, and why. */
export interface AdoptionPreview {
  falls: { amendment: string; reason: string }[];
}

export interface CoSponsor {
  affiliation: AffiliationRef;
  status: 'requested' | 'accepted';
  requestedBy: PersonRef;
  requestedAt: string;
  acceptedAt: string | null;
}

export interface Statement {
  affiliation: AffiliationRef;
  stance: 'support' | 'objection';
  note: string;
  by: PersonRef;
  at: string;
}

export interface Amendment {
  id: string;
  cycleId: string;
  draftId: string;
  /** 1, 2 … given when submitted; null for a draft. */
  number: number | null;
  /** "A-1", or "Draft" before submission. */
  label: string;
  kind: AmendmentKind;
  wordAction: WordAction;
  clauseId: string;
  /** The clause's number in the base version ("OP3"). */
  clauseNumber: string;
  /** The base clause's plain text (with sub-paragraph letters). */
  baseText: string;
  proposed: DocumentNodeJSON | null;
  /** The base clause against the proposed wording, word by word (for add: all inserted; delete: all deleted). */
  redline: WordChange[];
  /** The same redline block by block, points aligned by id: each point inserted, deleted, changed or moved. */
  blocks: BlockRedline[];
  /** What a `modify` amendment changes, named by reference ("OP1(b)(ii)": point added); empty for add and delete. */
  pointChanges: PointChange[];
  justification: string;
  pillars: PillarKey[];
  sponsor: AffiliationRef;
  createdBy: PersonRef;
  coSponsors: CoSponsor[];
  statements: Statement[];
  status: AmendmentStatus;
  /** For adopted-as-revised: the clause as revised, and its redline against the base clause. */
  revised: { proposed: DocumentNodeJSON; redline: WordChange[]; blocks: BlockRedline[] } | null;
  transitions: AmendmentTransition[];
  /**
   * Set when the clause was changed or removed in the live text since the base version: the
   * amendment needs review. `words` is the base clause against the live clause.
   */
  liveChange: { change: 'modified' | 'removed'; words: WordChange[]; liveNumber: string | null } | null;
  createdAt: string;
  submittedAt: string | null;
  /** Last change of any kind (text, status, co-sponsor, statement): drives "new since your last visit". */
  updatedAt: string;
}

/** The compilation: the base text with every amendment to each clause beneath it. */
export interface Compilation {
  cycle: ReviewCycle;
  clauses: {
    id: string;
    number: string;
    kind: ClauseKind;
    text: string;
    /** The base clause block by block (every block unchanged), so exports lay its points out by level. */
    blocks: BlockRedline[];
    pillars: PillarKey[];
    /** Tabled (submitted or later, not withdrawn unless `includeWithdrawn`) amendments to this clause, by number. */
    amendments: Amendment[];
  }[];
}

/**
 * Why adopted amendments cannot be applied as they stand: two change the same words (of one
 * point, or of the clause's own paragraphs); one deletes the clause, or a point, that another
 * changes; two put different points at the same place (or move one point differently); the
 * live text changed or removed what an amendment changes since the base version; or the result
 * would not be a well-formed clause.
 */
export type ConflictReason =
  | 'same-words'
  | 'clause-deleted'
  | 'point-deleted'
  | 'same-place'
  | 'clause-changed-live'
  | 'clause-removed-live'
  | 'invalid-result';

export interface Conflict {
  clauseId: string;
  clauseNumber: string;
  /** The point the conflict is about, by its id and its reference in the base text ("OP1(b)(ii)"); absent for the clause as a whole. */
  point?: { id: string; reference: string };
  reason: ConflictReason;
  /** The amendments involved, by label ("A-2"). */
  amendments: string[];
  message: string;
  /** Every adopted amendment to the clause: a resolution stands in place of the clause, so it settles them all. */
  covers: string[];
  /**
   * The clause as consolidation starts from it: the base version's, or the live one when the chair
   * keeps its live change (null when it is not there): where a resolution starts from.
   */
  startingClause: DocumentNodeJSON | null;
  /** The clause as it reads in the live text now (null when removed there): one more wording a resolution may start from. */
  liveClause?: DocumentNodeJSON | null;
}

/** The chair's resolution of a conflict: the clauses that stand in place of the clause (none deletes it). */
export interface Resolution {
  clauseId: string;
  clauses: DocumentNodeJSON[];
  note: string;
  by: PersonRef;
  at: string;
}

/** Someone who changed a clause in the live text since the base version. */
export interface LiveChangeAuthor {
  id: string;
  name: string;
  /** Their delegation's or organisation's name. */
  affiliation: string;
}

/**
 * A change made in the live text since the base version, outside any decision of the review:
 * to one clause (its words, points, pillars or status changed, or it was added, removed or
 * moved), to the title, to the opening formula, or to a heading (a division's heading added,
 * removed, retitled or made another level; an annex retitled). Consolidation carries it only if
 * the chair keeps it.
 */
export type LiveEdit =
  | {
      part: 'clause';
      /** What the chair's decision names: the clause's id. */
      id: string;
      /** Its number in the live text (in the base version, for a clause removed live). */
      number: string;
      /** Base version → live text. */
      redline: ClauseRedline;
    }
  | {
      part: 'title' | 'formula' | 'heading';
      /** What the chair's decision names: `title`, `formula` or `heading:<the division's or annex's id>`. */
      id: string;
      /** "Title", "Formula", or the heading's live number ("Part II", "Annex I"; its base one when removed live). */
      number: string;
      change: Exclude<RedlineChange, 'unchanged'>;
      /** Base version → live text, word by word. */
      words: WordChange[];
    };

/** A live change with who made it: who changed the clause since the base version, earliest first (none recorded for the title, formula and headings). */
export type LiveChange = LiveEdit & { authors: LiveChangeAuthor[] };

/** The chair's decision on a live change: carry it into the new version, or not. */
export type LiveChangeDecision = 'keep' | 'discard';

/**
 * The status a clause added by an adopted amendment takes when the chair does not choose another:
 * the meeting adopted its words, so it is agreed text, locked for delegates like any agreed clause.
 */
export const DEFAULT_ADDED_CLAUSE_STATUS: ClauseStatus = 'agreed';

/**
 * A clause an adopted amendment adds, as consolidation inserts it. The status it takes in the
 * consolidated text is the chair's to set when consolidating (`addedClauses`, by the amendment's
 * label), {@link DEFAULT_ADDED_CLAUSE_STATUS} unless the chair sets another. A clause added through
 * a resolution is the resolution's, not listed here.
 */
export interface AddedClause {
  /** The amendment that adds it ("A-3"): what the chair's choice names. */
  amendment: string;
  /** The base clause it follows, by id and by its number in the base version. */
  afterClauseId: string;
  afterNumber: string;
  /** Its number in the consolidated text; null while a conflict keeps that text from being worked out. */
  number: string | null;
  /** Its words, as the outline reads them. */
  text: string;
}

/** A clause an adopted amendment added, as the record of a consolidation keeps it: its id, number and the status the chair gave it. */
export interface RecordedAddedClause extends AddedClause {
  /** Its id in the consolidated text. */
  id: string;
  number: string;
  status: ClauseStatus;
}

/** What consolidating now would do, or why it cannot yet. */
export interface ConsolidationPlan {
  adopted: string[];
  /** The clauses adopted amendments add, each taking the status the chair sets when consolidating. */
  added: AddedClause[];
  /** The live changes since the base version, each to keep or discard (none once the cycle is consolidated). */
  liveChanges: LiveChange[];
  /** The chair's keep-or-discard choices kept so far, by live change id (only for the live changes listed). */
  decisions: Record<string, LiveChangeDecision>;
  /** Every conflict, resolved or not: one is settled when `resolutions` has a resolution for its clause. */
  conflicts: Conflict[];
  resolutions: Resolution[];
  /** Amendments still awaiting a decision (submitted or under consideration). */
  pending: string[];
  /**
   * The clauses as they would read after consolidation, with what changed since the base version
   * (the live changes named in `keep` kept, the others not).
   */
  preview: {
    id: string;
    number: string;
    text: string;
    change: 'unchanged' | 'modified' | 'added' | 'removed';
    amendments: string[];
  }[];
  /**
   * Once the cycle is consolidated, what its consolidation did (null before, and for a cycle
   * consolidated before such records were kept). Every other list is then empty: nothing is left
   * to decide, and the live text has moved on from the base version because of the review itself.
   */
  record: ConsolidationRecord | null;
}

/** A tabled amendment as the record of a consolidation keeps it: its final status, and whether its text is in the version. */
export interface RecordedAmendment {
  label: string;
  clauseId: string;
  /** The clause's number in the base version. */
  clauseNumber: string;
  kind: AmendmentKind;
  status: AmendmentStatus;
  /** Adopted (as tabled or as orally revised): applied in the consolidated version. */
  applied: boolean;
}

/**
 * What consolidating a cycle did, kept when the chair consolidates it and shown read-only after:
 * the version made, who made it and when, every tabled amendment with its final status, the
 * chair's resolutions, the live changes kept and discarded as they were shown at the time, the
 * clauses the version changed against the base version, and the status each added clause took.
 */
export interface ConsolidationRecord {
  version: { id: string; label: string };
  by: PersonRef;
  at: string;
  /** By number. */
  amendments: RecordedAmendment[];
  /** Each with its clause's number in the base version. */
  resolutions: (Resolution & { clauseNumber: string })[];
  kept: LiveChange[];
  discarded: LiveChange[];
  changed: ConsolidationPlan['preview'];
  /** The clauses adopted amendments added, with the status each took (absent from records kept before statuses were). */
  added?: RecordedAddedClause[];
}

export function amendmentLabel(number: number | null): string {
  return number === null ? 'Draft' : `A-${number}`;
}
