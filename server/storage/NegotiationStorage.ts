import type { AuditRecord } from './AuditStorage';

/**
 * Who holds brackets open and who supports which wording of alternatives, and the record of
 * brackets lifted and wordings selected. The markers themselves are in the text; this is what
 * the text cannot say. Part of {@link Storage}.
 */
export interface NegotiationStorage {
  /** Records that a delegation joins (true) or leaves (false) the holders of a bracket; one row per delegation. */
  setBracketHolding(record: BracketHoldingRecord): Promise<void>;
  listBracketHoldings(draftId: string): Promise<BracketHoldingRecord[]>;
  /** Records that a delegation supports one wording of a set (null: no longer any). */
  setAlternativeSupport(record: AlternativeSupportRecord): Promise<void>;
  listAlternativeSupport(draftId: string): Promise<AlternativeSupportRecord[]>;
  /** The record of a bracket the chair lifted, or of the wording selected among alternatives. */
  recordSettlement(record: SettlementRecord): Promise<void>;
  listSettlements(draftId: string): Promise<SettlementRecord[]>;

  /**
   * What was decided about suggestions (accepted, rejected, withdrawn), kept after their marks
   * leave the text, written in one transaction with the audit entry of the decision: the record
   * and the log never disagree. A suggestion decided again (a restored version brought its marks
   * back) replaces its earlier record.
   */
  recordSuggestionDecisions(
    records: readonly SuggestionDecisionRecord[],
    audit: Omit<AuditRecord, 'id'>,
  ): Promise<void>;
  listSuggestionDecisions(draftId: string): Promise<SuggestionDecisionRecord[]>;
  /** A delegation supports or opposes a suggestion (null: takes back its position); one row per delegation. */
  setSuggestionStance(record: SuggestionStanceRecord): Promise<void>;
  listSuggestionStances(draftId: string): Promise<SuggestionStanceRecord[]>;
}

export interface SuggestionDecisionRecord {
  draftId: string;
  suggestionId: string;
  clauseId: string | null;
  kind: 'insert' | 'delete';
  text: string;
  delegationId: string;
  authorId: string;
  suggestedAt: string;
  decision: 'accepted' | 'rejected' | 'withdrawn';
  decidedBy: string;
  decidedAt: string;
}

export interface SuggestionStanceRecord {
  draftId: string;
  suggestionId: string;
  affiliationId: string;
  /** null: the delegation took back its position (the row is removed). */
  stance: 'support' | 'oppose' | null;
  userId: string;
  at: string;
}

export interface BracketHoldingRecord {
  draftId: string;
  bracketId: string;
  affiliationId: string;
  holding: 0 | 1;
  userId: string;
  at: string;
}

export interface AlternativeSupportRecord {
  draftId: string;
  alternativeId: string;
  affiliationId: string;
  /** The wording supported; null once the delegation withdrew its support. */
  optionId: string | null;
  userId: string;
  at: string;
}

/** How a bracket or a set of alternatives was settled, with everything it held (JSON), kept for the record. */
export interface SettlementRecord {
  draftId: string;
  markerId: string;
  kind: 'bracket' | 'alternative';
  clauseId: string | null;
  /** What it held and who stood by it when it was settled (see `shared/negotiation.ts`), as JSON. */
  details: string;
  /** The wording selected (alternatives only). */
  selectedOption: string | null;
  decidedBy: string;
  decidedAt: string;
}
