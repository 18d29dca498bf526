import * as Y from 'yjs';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline } from '../../shared/outline';
import { Taxonomy } from '../../shared/pillars';
import { readOutline } from '../../shared/outline';
import { draftSchema } from '../../shared/schema';
import { newId } from '../auth/AuthService';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { documentJSON, keepTags } from '../drafts/documentOutline';
import { ApiError, draftNotFound } from '../errors';
import type { Storage, VersionRecord, VersionSummaryRecord } from '../storage/Storage';
import { replaceText } from './replaceText';

/** A text to export or compare: the live text or a named version, with what to call it. */
export interface TextSnapshot {
  document: DocumentNodeJSON;
  outline: Outline;
  /** "Rev.1", or "Live text" for the live document. */
  label: string;
  version: VersionSummaryRecord | null;
  /** When it was taken (a version) or read (the live text). */
  at: string;
  /** The pillars that name its tags: the draft's now, or a version's as they were when it was taken. */
  taxonomy: Taxonomy;
}

/**
 * Named versions: immutable snapshots of a draft's text (its Yjs state and its rendered
 * document), restoring one as a new change on top of the live text, and publishing them.
 */
export class VersionService {
  private readonly schema = draftSchema();

  constructor(
    private readonly storage: Storage,
    private readonly registry: DocumentRegistry,
  ) {}

  /** Saves the live text, as everyone has it now, under a label. */
  async create(draftId: string, createdBy: string, label: string, note: string): Promise<VersionRecord> {
    const snapshot = await this.registry.withDocument(draftId, async (document) => {
      await document.flushed();
      return textSnapshot(document.doc);
    });
    if (!snapshot) throw draftNotFound();
    return this.save(draftId, createdBy, label, note, snapshot);
  }

  /**
   * Saves a snapshot taken of the text at a given moment (see {@link textSnapshot}) under a label,
   * with the draft's pillars as they are, which name its tags whatever becomes of them.
   */
  async save(
    draftId: string,
    createdBy: string,
    label: string,
    note: string,
    snapshot: { state: Uint8Array; document: DocumentNodeJSON },
  ): Promise<VersionRecord> {
    const draft = await this.storage.getDraft(draftId);
    if (!draft) throw draftNotFound();
    return this.storage.createVersion({
      pillars: [...draft.pillars],
      id: newId(),
      draftId,
      label,
      note,
      createdBy,
      createdAt: new Date().toISOString(),
      state: snapshot.state,
      document: snapshot.document,
      publishedAt: null,
      publishedBy: null,
    });
  }

  /** A version of this draft, or a 404. */
  async get(draftId: string, versionId: string): Promise<VersionRecord> {
    const version = await this.storage.getVersion(versionId);
    if (!version || version.draftId !== draftId)
      throw new ApiError(404, 'version_not_found', 'This draft has no version with that id.');
    return version;
  }

  /** The live text or a version (`'live'` or a version id). */
  async snapshot(draftId: string, which: string): Promise<TextSnapshot> {
    const draft = await this.storage.getDraft(draftId);
    if (!draft) throw draftNotFound();
    const taxonomy = new Taxonomy(draft.pillars);
    if (which === 'live') {
      const document = await this.registry.withDocument(draftId, async (shared) => documentJSON(shared.doc));
      if (!document) throw draftNotFound();
      return {
        document,
        outline: readOutline(document),
        label: 'Live text',
        version: null,
        at: new Date().toISOString(),
        taxonomy,
      };
    }
    const version = await this.get(draftId, which);
    return {
      document: version.document,
      outline: readOutline(version.document),
      label: version.label,
      version,
      at: version.createdAt,
      taxonomy: version.pillars ? new Taxonomy(version.pillars) : taxonomy,
    };
  }

  /**
   * Makes the live text equal to a version again, as one new change attributed to `actorId`:
   * history is never rewritten, and unchanged parts of the text keep their identity. Tags of
   * pillars the draft no longer has are left out (a clause may be tagged only with its pillars).
   */
  async restore(draftId: string, versionId: string, actorId: string): Promise<void> {
    const [version, draft] = await Promise.all([this.get(draftId, versionId), this.storage.getDraft(draftId)]);
    if (!draft) throw draftNotFound();
    const node = this.schema.nodeFromJSON(keepTags(version.document, new Taxonomy(draft.pillars)));
    await this.registry.withDocument(draftId, (document) =>
      document.transactAsServer((doc) => replaceText(doc, node), actorId),
    );
  }
}

/** What a version keeps of a text: its Yjs state and its rendered document. */
export function textSnapshot(doc: Y.Doc): { state: Uint8Array; document: DocumentNodeJSON } {
  return { state: Y.encodeStateAsUpdate(doc), document: documentJSON(doc) };
}
