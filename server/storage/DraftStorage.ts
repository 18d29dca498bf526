import type { Pillar } from '../../shared/pillars';
import type { MembershipRecord } from './PeopleStorage';

/**
 * The drafts themselves: one row each, with the title cached from the text and when the text last
 * changed. Part of {@link Storage}; the text lives in the document log.
 */
export interface DraftStorage {
  /** Creates a draft with the initial Yjs state of its text. */
  createDraft(draft: NewDraft, initialState: Uint8Array): Promise<DraftRecord>;
  getDraft(id: string): Promise<DraftRecord | undefined>;
  listDrafts(filter: { archived: boolean }): Promise<DraftRecord[]>;
  /**
   * Renames (the cached title), archives/unarchives a draft, sets its pillars or records when its text last changed;
   * returns undefined if there is no such draft.
   */
  updateDraft(id: string, patch: DraftPatch): Promise<DraftRecord | undefined>;
  /** The drafts a person holds a role on, with that role. */
  listDraftsForUser(
    userId: string,
    filter: { archived: boolean },
  ): Promise<(DraftRecord & { role: MembershipRecord['role'] })[]>;
}

/** A draft as stored. Dates are ISO 8601 strings in UTC. */
export interface DraftRecord {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /** Set while the draft is in facilitator mode (only the chair edits, everyone else suggests): since when. */
  facilitatorSince: string | null;
  /** The draft's own pillars, in order. */
  pillars: Pillar[];
}

/** What creating a draft needs; the stored record adds the dates. */
export interface NewDraft {
  id: string;
  title: string;
  createdAt: Date;
  /** The draft's pillars (none when not given). */
  pillars?: readonly Pillar[];
  /** Who chairs it, made a member in the same transaction (a draft is never stored without its chair). */
  chairId?: string;
}

/** The parts of a draft that change after it is created. */
export interface DraftPatch {
  title?: string;
  archivedAt?: Date | null;
  facilitatorSince?: Date | null;
  pillars?: readonly Pillar[];
  /** When the text last changed. */
  updatedAt?: Date;
}
