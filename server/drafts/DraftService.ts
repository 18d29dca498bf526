import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { customAlphabet } from 'nanoid';
import * as Y from 'yjs';
import { newClauseId } from '../../shared/clauseId';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { DraftJSON } from '../../shared/draftText';
import { draftFromSpec } from '../../shared/draftText';
import type { DraftTemplateKey } from '../../shared/templates';
import { templateSpec } from '../../shared/templates';
import { draftSchema } from '../../shared/schema';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { draftNotFound } from '../errors';
import type { Logger } from '../logger';
import type { DraftRecord, Storage } from '../storage/Storage';
import { writeDocumentTitle } from './documentTitle';

/** Draft ids: 12 URL-safe characters, about 71 bits of randomness. */
const newDraftId = customAlphabet('0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 12);

/**
 * Creating, renaming and archiving drafts. A draft's title lives in its text (the title node);
 * the database keeps a copy for the drafts list, refreshed whenever the text is stored.
 */
export class DraftService {
  private readonly schema = draftSchema();

  constructor(
    private readonly storage: Storage,
    private readonly registry: DocumentRegistry,
    private readonly logger: Logger,
  ) {}

  /** Creates a draft from a template (blank by default), or with the given text. */
  async create(
    title: string,
    from: { template?: DraftTemplateKey; content?: DraftJSON; chairId?: string } = {},
  ): Promise<DraftRecord> {
    const json = from.content ?? draftFromSpec(templateSpec(from.template ?? 'blank', title), newClauseId);
    const doc = prosemirrorJSONToYDoc(this.schema, json, DOCUMENT_FIELD);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const draft = await this.storage.createDraft(
      { id: newDraftId(), title, createdAt: new Date(), ...(from.chairId !== undefined && { chairId: from.chairId }) },
      state,
    );
    this.logger.info({ draftId: draft.id }, 'draft created');
    return draft;
  }

  /**
   * Renames a draft by editing its title node, live for everyone who has it open. The text is the
   * title's one source: the draft's record takes the new title in the same transaction that stores
   * the edit (`UpdateLog`), and the live text only once that is committed. So a rename that cannot
   * be stored (the disk is full) throws and changes nothing anywhere, and one that is stored shows
   * the same title in the drafts list and in the editor.
   */
  async rename(id: string, title: string, actorId: string | null = null): Promise<DraftRecord> {
    if (!(await this.storage.getDraft(id))) throw draftNotFound();
    await this.registry.withDocument(id, (document) =>
      document.transactAsServer((doc) => {
        if (!writeDocumentTitle(doc, title)) throw new Error('draft text has no title node');
      }, actorId),
    );
    const draft = await this.storage.getDraft(id);
    if (!draft) throw draftNotFound();
    return draft;
  }

  async setArchived(id: string, archived: boolean): Promise<DraftRecord> {
    const draft = await this.storage.updateDraft(id, { archivedAt: archived ? new Date() : null });
    if (!draft) throw draftNotFound();
    this.logger.info({ draftId: id, archived }, archived ? 'draft archived' : 'draft restored');
    return draft;
  }
}
