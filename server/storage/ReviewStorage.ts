import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { PillarKey } from '../../shared/pillars';
import type { AmendmentStatus } from '../../shared/review/amendmentStatus';
import type { ReviewPhase } from '../../shared/review/reviewPhases';
import type {
  AmendmentKind,
  ConsolidationRecord,
  DecisionMethod,
  LiveChangeDecision,
  ReviewSchedule,
} from '../../shared/review/types';

/**
 * The periodic review: its cycles, the amendments proposed in each with their co-sponsors and
 * statements, the chair's resolutions of conflicts, the record of each consolidation, and when
 * each person last looked.
 * Part of {@link Storage}.
 */
export interface ReviewStorage {
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

  /** Keeps or replaces the chair's keep-or-discard choice on one live change, before consolidating. */
  putLiveChangeDecision(decision: LiveChangeDecisionRecord): Promise<void>;
  listLiveChangeDecisions(cycleId: string): Promise<LiveChangeDecisionRecord[]>;

  /** Keeps what consolidating a cycle did (once; a second record for the cycle replaces the first). */
  putConsolidationRecord(cycleId: string, record: ConsolidationRecord): Promise<void>;
  getConsolidationRecord(cycleId: string): Promise<ConsolidationRecord | undefined>;

  /** When a person last looked at a cycle's amendments ("new since your last visit"). */
  getReviewVisit(cycleId: string, userId: string): Promise<string | undefined>;
  setReviewVisit(cycleId: string, userId: string, at: Date): Promise<void>;
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

/** The parts of a review cycle that change as it moves through its phases. */
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

/** The parts of an amendment that change after it is drafted. */
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

/** A delegation's request to co-sponsor an amendment, and whether the sponsor accepted it. */
export interface CoSponsorRecord {
  amendmentId: string;
  affiliationId: string;
  status: 'requested' | 'accepted';
  requestedBy: string;
  requestedAt: string;
  acceptedAt: string | null;
}

/** A delegation's stated support of or objection to an amendment. */
export interface StatementRecord {
  amendmentId: string;
  affiliationId: string;
  stance: 'support' | 'objection';
  note: string;
  by: string;
  at: string;
}

/** The chair's choice on one live change (by its id: a clause id, `title`, `formula`, `heading:<id>`). */
export interface LiveChangeDecisionRecord {
  cycleId: string;
  changeId: string;
  decision: LiveChangeDecision;
  by: string;
  at: string;
}

/** The chair's resolution of amendments that conflict on one clause: the clauses that replace it. */
export interface ResolutionRecord {
  cycleId: string;
  clauseId: string;
  clauses: DocumentNodeJSON[];
  note: string;
  by: string;
  at: string;
}
