import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Pillar } from '../../shared/pillars';

/** Named versions of a draft's text: immutable snapshots, published or not. Part of {@link Storage}. */
export interface VersionStorage {
  /** Stores a named version; versions are immutable except for being published or unpublished. */
  createVersion(version: VersionRecord): Promise<VersionRecord>;
  /** A version with its state and document. */
  getVersion(id: string): Promise<VersionRecord | undefined>;
  /** A draft's versions, oldest first, without their state or document. */
  listVersions(draftId: string): Promise<VersionSummaryRecord[]>;
  setVersionPublished(id: string, by: string | null, at: Date | null): Promise<void>;
}

/** A named, immutable snapshot of a draft's text. */
export interface VersionRecord extends VersionSummaryRecord {
  state: Uint8Array;
  document: DocumentNodeJSON;
  /** The draft's pillars when it was taken, which name its tags; null for a version taken before they were kept. */
  pillars: Pillar[] | null;
}

/** A version without its text, for lists. */
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
