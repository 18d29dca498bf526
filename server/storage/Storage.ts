import type { AuditStorage } from './AuditStorage';
import type { CommentStorage } from './CommentStorage';
import type { DocumentLogStorage } from './DocumentLogStorage';
import type { DraftStorage } from './DraftStorage';
import type { MetaStorage } from './MetaStorage';
import type { NegotiationStorage } from './NegotiationStorage';
import type { PeopleStorage } from './PeopleStorage';
import type { ReviewStorage } from './ReviewStorage';
import type { SignInStorage } from './SignInStorage';
import type { VersionStorage } from './VersionStorage';

/**
 * The one narrow interface between Accord and its database, made of one interface per area (each
 * in its own file, with its records). Every backend (the embedded SQLite, PostgreSQL) implements it
 * and passes the same contract suites, one per area (`contract/`, composed by `storageContractSuite`).
 */
export interface Storage
  extends
    DraftStorage,
    DocumentLogStorage,
    PeopleStorage,
    CommentStorage,
    VersionStorage,
    ReviewStorage,
    AuditStorage,
    MetaStorage,
    SignInStorage,
    NegotiationStorage {
  close(): Promise<void>;
}

export type { AuditRecord, AuditStorage } from './AuditStorage';
export type { CommentPatch, CommentPeriodRecord, CommentRecord, CommentStorage } from './CommentStorage';
export type {
  ClauseChange,
  ClauseChangeRecord,
  ClientClaim,
  ClauseTexts,
  DocumentLogStorage,
  StoredDocument,
  StoredUpdate,
} from './DocumentLogStorage';
export type { DraftPatch, DraftRecord, DraftStorage, NewDraft } from './DraftStorage';
export type { MetaStorage } from './MetaStorage';
export type {
  AlternativeSupportRecord,
  BracketHoldingRecord,
  NegotiationStorage,
  SettlementRecord,
  SuggestionDecisionRecord,
  SuggestionStanceRecord,
} from './NegotiationStorage';
export type {
  AffiliationRecord,
  InviteAcceptance,
  InviteAcceptanceResult,
  InviteRecord,
  MembershipRecord,
  PeopleStorage,
  SessionRecord,
  UserRecord,
} from './PeopleStorage';
export type {
  AmendmentPatch,
  AmendmentRecord,
  CoSponsorRecord,
  ResolutionRecord,
  ReviewCyclePatch,
  ReviewCycleRecord,
  ReviewStorage,
  StatementRecord,
  TransitionRecord,
} from './ReviewStorage';
export type { LoginAttemptsRecord, LoginDeviceRecord, SignInStorage } from './SignInStorage';
export type { VersionRecord, VersionStorage, VersionSummaryRecord } from './VersionStorage';
