import * as Y from 'yjs';
import type { ClauseKind } from '../../shared/clauses';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { FrozenNumbering } from '../../shared/numbering';
import {
  NUMBERING_ATTRIBUTE,
  displayNumbers,
  freezeNumbers,
  isFrozenNumbering,
  rewriteReferences,
} from '../../shared/numbering';
import { followingClauses } from '../../shared/clauseFollowers';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { documentJSON } from '../drafts/documentOutline';
import { draftNotFound } from '../errors';
import type { Storage } from '../storage/Storage';

const KINDS: Record<string, ClauseKind> = { preamble: 'preambular', operative: 'operative', annex: 'annex' };

/** A container of the text as numbering sees it: its clauses' ids and the numbers shown now. */
interface Container {
  index: number;
  ids: string[];
  shown: string[];
  proposed: Map<string, string | null>;
}

function containersOf(document: DocumentNodeJSON): Container[] {
  const containers: Container[] = [];
  let annexIndex = 0;
  (document.content ?? []).forEach((node, index) => {
    const kind = KINDS[node.type];
    if (!kind) return;
    const ids = (node.content ?? [])
      .filter((child) => child.type === 'clause')
      .map((child) => (typeof child.attrs?.id === 'string' ? child.attrs.id : ''));
    const frozen: unknown = node.attrs?.[NUMBERING_ATTRIBUTE];
    const proposed = followingClauses(node.content ?? []);
    const shown = displayNumbers(
      kind,
      kind === 'annex' ? annexIndex++ : 0,
      ids,
      isFrozenNumbering(frozen) ? frozen : null,
      proposed,
    );
    containers.push({ index, ids, shown: shown.numbers, proposed });
  });
  return containers;
}

/** What renumbering changed: the numbers (old → new) and how many cited numbers it rewrote. */
export interface Renumbering {
  renumbered: Record<string, string>;
  references: number;
}

/**
 * Stable numbers (docs/numbering.md): the chair freezes the numbering (each container's numbers,
 * as shown, written into the text by clause id), renumbers (fresh numbers in order, frozen again,
 * with every number cited in comments, amendments and their statements rewritten) or unfreezes it. Each is a server
 * change to the text by the chair, so it is in the draft's history and reaches everyone at once.
 */
export class NumberingService {
  constructor(
    private readonly storage: Storage,
    private readonly registry: DocumentRegistry,
  ) {}

  /** Freezes every container's numbers as they are shown now. */
  async freeze(draftId: string, actorId: string): Promise<void> {
    const at = new Date().toISOString();
    await this.write(draftId, actorId, (container) => freezeNumbers(container.ids, container.shown, actorId, at));
  }

  /** Lets numbers follow the order of the clauses again. */
  async unfreeze(draftId: string, actorId: string): Promise<void> {
    await this.write(draftId, actorId, () => null);
  }

  /**
   * Gives every clause a fresh number in order (bis and ter, and deleted numbers, are gone),
   * freezes those, and rewrites the numbers cited in the draft's comments and amendments.
   */
  async renumber(draftId: string, actorId: string): Promise<Renumbering> {
    const at = new Date().toISOString();
    const renumbered = new Map<string, string>();
    await this.write(draftId, actorId, (container, kind, annexIndex) => {
      const fresh = displayNumbers(kind, annexIndex, container.ids, null, container.proposed).numbers;
      container.shown.forEach((old, index) => renumbered.set(old, fresh[index]!));
      return freezeNumbers(container.ids, fresh, actorId, at);
    });
    let references = 0;
    for (const comment of await this.storage.listComments(draftId)) {
      const { text, count } = rewriteReferences(comment.body, renumbered);
      if (count === 0) continue;
      references += count;
      await this.storage.updateComment(comment.id, { body: text });
    }
    for (const cycle of await this.storage.listReviewCycles(draftId)) {
      for (const amendment of await this.storage.listAmendments(cycle.id)) {
        const { text, count } = rewriteReferences(amendment.justification, renumbered);
        if (count === 0) continue;
        references += count;
        await this.storage.updateAmendment(amendment.id, { justification: text });
      }
      // Statements of support or objection cite numbers too.
      for (const statement of await this.storage.listStatements(cycle.id)) {
        const { text, count } = rewriteReferences(statement.note, renumbered);
        if (count === 0) continue;
        references += count;
        await this.storage.putStatement({ ...statement, note: text });
      }
    }
    return { renumbered: Object.fromEntries([...renumbered].filter(([old, now]) => old !== now)), references };
  }

  /** Sets each container's numbering to what `numbering` gives it, as one server change by `actorId`. */
  private async write(
    draftId: string,
    actorId: string,
    numbering: (container: Container, kind: ClauseKind, annexIndex: number) => FrozenNumbering | null,
  ): Promise<void> {
    const done = await this.registry.withDocument(draftId, async (document) => {
      const containers = containersOf(documentJSON(document.doc));
      await document.transactAsServer((doc) => {
        const children = doc.getXmlFragment(DOCUMENT_FIELD).toArray();
        let annexIndex = 0;
        for (const container of containers) {
          const element = children[container.index];
          if (!(element instanceof Y.XmlElement)) continue;
          const kind = KINDS[element.nodeName]!;
          const value = numbering(container, kind, kind === 'annex' ? annexIndex++ : 0);
          if (value === null) element.removeAttribute(NUMBERING_ATTRIBUTE);
          else element.setAttribute(NUMBERING_ATTRIBUTE, value as unknown as string);
        }
      }, actorId);
      return true;
    });
    if (!done) throw draftNotFound();
  }
}
