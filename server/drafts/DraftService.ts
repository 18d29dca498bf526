import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { customAlphabet } from 'nanoid';
import * as Y from 'yjs';
import { newClauseId } from '../../shared/clauseId';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { DraftJSON } from '../../shared/draftText';
import type { Pillar } from '../../shared/pillars';
import { Taxonomy } from '../../shared/pillars';
import { draftFromSpec } from '../../shared/draftText';
import type { DraftTemplateKey } from '../../shared/templates';
import { templateSpec } from '../../shared/templates';
import { draftSchema } from '../../shared/schema';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { ApiError, draftNotFound } from '../errors';
import type { Logger } from '../logger';
import type { DraftRecord, Storage } from '../storage/Storage';
import { documentOutline, findClauseElement, keepTags } from './documentOutline';
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

  /**
   * Creates a draft with its pillars, from a template's text (blank by default; its tags kept
   * only where the pillars have them), or with the given text, whose tags the caller has checked.
   */
  async create(
    title: string,
    from: { template?: DraftTemplateKey; content?: DraftJSON; chairId?: string; pillars?: readonly Pillar[] } = {},
  ): Promise<DraftRecord> {
    const pillars = from.pillars ?? [];
    const json =
      from.content ??
      keepTags(draftFromSpec(templateSpec(from.template ?? 'blank', title), newClauseId), new Taxonomy(pillars));
    const doc = prosemirrorJSONToYDoc(this.schema, json, DOCUMENT_FIELD);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const draft = await this.storage.createDraft(
      {
        id: newDraftId(),
        title,
        createdAt: new Date(),
        pillars,
        ...(from.chairId !== undefined && { chairId: from.chairId }),
      },
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

  /**
   * Gives a draft a new taxonomy. A pillar whose key stays keeps its clauses (a rename); the tags
   * of a removed pillar are moved to another (`removed[key]` a key of the new taxonomy) or dropped
   * (null), in the live text, as the chair. Removing a pillar that clauses carry without saying
   * which is refused (409 `pillar_in_use`, naming the clauses), and so is moving tags to a pillar
   * the new taxonomy lacks; nothing changes then. The draft's amendments follow the clauses: a
   * removed pillar's tags are moved as said, or dropped (a consolidation carries an amendment's
   * tags into the text, which may hold only the draft's pillars).
   */
  async setPillars(
    id: string,
    pillars: readonly Pillar[],
    removed: Readonly<Record<string, string | null>>,
    actorId: string,
  ): Promise<DraftRecord> {
    if (!(await this.storage.getDraft(id))) throw draftNotFound();
    const next = new Taxonomy(pillars);
    for (const [key, to] of Object.entries(removed)) {
      if (to !== null && !next.has(to)) {
        throw new ApiError(
          400,
          'invalid_request',
          `The tags of “${key}” cannot move to “${to}”, which is not a pillar of the new list.`,
        );
      }
    }
    await this.registry.withDocument(id, async (document) => {
      const clauses = documentOutline(document.doc).clauses;
      const unresolved = new Map<string, string[]>();
      for (const clause of clauses)
        for (const key of clause.pillars)
          if (!next.has(key) && !(key in removed)) unresolved.set(key, [...(unresolved.get(key) ?? []), clause.number]);
      if (unresolved.size > 0) {
        const named = [...unresolved].map(([key, numbers]) => `“${key}” (${numbers.join(', ')})`).join('; ');
        throw new ApiError(
          409,
          'pillar_in_use',
          `Clauses are tagged with pillars this list removes: ${named}. Say for each whether its tags move to another pillar or are dropped.`,
          { inUse: Object.fromEntries(unresolved) },
        );
      }
      const retag = clauses.filter((clause) => clause.pillars.some((key) => key in removed && !next.has(key)));
      if (retag.length === 0) return;
      await document.transactAsServer((doc) => {
        for (const clause of retag) {
          const element = findClauseElement(doc, clause.id);
          if (!element) continue;
          const mapped = clause.pillars.map((key) => (next.has(key) ? key : (removed[key] ?? null)));
          element.setAttribute(
            'pillars',
            next.ordered(mapped.filter((key): key is string => key !== null)) as unknown as string,
          );
        }
      }, actorId);
    });
    await this.retagAmendments(id, next, removed);
    const draft = await this.storage.updateDraft(id, { pillars });
    if (!draft) throw draftNotFound();
    await this.registry.setPillars(id, pillars);
    this.logger.info({ draftId: id, pillars: pillars.length }, 'draft pillars changed');
    return draft;
  }

  /** Moves (or drops) the tags of removed pillars on every amendment of the draft, in every cycle. */
  private async retagAmendments(draftId: string, next: Taxonomy, removed: Readonly<Record<string, string | null>>) {
    for (const cycle of await this.storage.listReviewCycles(draftId)) {
      for (const amendment of await this.storage.listAmendments(cycle.id)) {
        if (amendment.pillars.every((key) => next.has(key))) continue;
        const mapped = amendment.pillars.map((key) => (next.has(key) ? key : (removed[key] ?? null)));
        const pillars = next.ordered(mapped.filter((key): key is string => key !== null));
        await this.storage.updateAmendment(amendment.id, { pillars });
      }
    }
  }

  async setArchived(id: string, archived: boolean): Promise<DraftRecord> {
    const draft = await this.storage.updateDraft(id, { archivedAt: archived ? new Date() : null });
    if (!draft) throw draftNotFound();
    this.logger.info({ draftId: id, archived }, archived ? 'draft archived' : 'draft restored');
    return draft;
  }
}
