import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { readOutline, type Outline, type OutlineClause } from '../../shared/outline';
import type { Taxonomy } from '../../shared/pillars';
import { taxonomyOf } from './ClauseNumbering';
import { clauseAround } from './findClause';

/**
 * JSON of each clause (or heading) node, kept while the node lives: ProseMirror reuses unchanged
 * nodes, so only edited clauses are converted again.
 */
const clauseJsonCache = new WeakMap<ProseMirrorNode, DocumentNodeJSON>();

function clauseJSON(node: ProseMirrorNode): DocumentNodeJSON {
  let json = clauseJsonCache.get(node);
  if (json === undefined) {
    json = node.toJSON() as DocumentNodeJSON;
    clauseJsonCache.set(node, json);
  }
  return json;
}

const CONTAINERS: ReadonlySet<string> = new Set(['preamble', 'operative', 'annex']);

/** The document as `readOutline` takes it, built from cached per-clause (and per-heading) JSON. */
function documentJSON(doc: ProseMirrorNode): DocumentNodeJSON {
  const content: DocumentNodeJSON[] = [];
  doc.forEach((child) => {
    if (CONTAINERS.has(child.type.name)) {
      const children: DocumentNodeJSON[] = [];
      child.forEach((node) => children.push(clauseJSON(node)));
      content.push({
        type: child.type.name,
        // An annex's id, and any container's frozen numbering (shared/numbering.ts).
        attrs: child.attrs,
        content: children,
      });
    } else {
      content.push(child.toJSON() as DocumentNodeJSON);
    }
  });
  return { type: 'doc', content };
}

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  return a.every((value, index) => value === b[index]);
}

function sameClause(a: OutlineClause, b: OutlineClause): boolean {
  return (
    a.id === b.id &&
    a.number === b.number &&
    a.kind === b.kind &&
    a.status === b.status &&
    a.text === b.text &&
    a.proposedText === b.proposedText &&
    a.subparagraphs === b.subparagraphs &&
    a.annexId === b.annexId &&
    a.divisionId === b.divisionId &&
    sameStrings(a.pillars, b.pillars) &&
    sameStrings(a.problems, b.problems) &&
    sameJSON(a.points, b.points)
  );
}

/** Equality of small plain lists (points, divisions, annexes, footnotes) by their JSON. */
function sameJSON(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function sameProblems(a: Outline['problems'], b: Outline['problems']): boolean {
  return a.length === b.length && a.every((problem, index) => problem.message === b[index]?.message);
}

/**
 * The outline of the text open in the editor (numbers, points, divisions, annexes, footnotes,
 * pillars, status, first words, problems) and the clause holding the caret, for the side panels, the toolbar and the header.
 *
 * Derived with `readOutline`, the function behind the server's outline API, so the panels and
 * the API always agree. It is derived at most once per animation frame however fast the text
 * changes (typing, remote edits), and unchanged clauses keep the same object from one outline to
 * the next, so React can skip their rows. Follows the `useSyncExternalStore` contract.
 */
export class DraftOutlineStore {
  private outline: Outline;
  private currentClauseId: string | null;
  private lastDoc: ProseMirrorNode;
  /** The draft's pillars the outline was read with: a tag outside them is a problem. */
  private lastTaxonomy: Taxonomy;
  private frame: number | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly editor: Editor) {
    this.lastDoc = editor.state.doc;
    this.lastTaxonomy = taxonomyOf(editor.state);
    this.outline = readOutline(documentJSON(this.lastDoc), this.lastTaxonomy);
    this.currentClauseId = this.readCurrentClauseId();
  }

  /**
   * Registers a listener for changes; returns the unsubscribe function. The store follows the
   * editor only while someone listens, so it needs no explicit teardown.
   */
  subscribe = (listener: () => void): (() => void) => {
    if (this.listeners.size === 0) {
      this.editor.on('transaction', this.schedule);
      this.schedule();
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.editor.off('transaction', this.schedule);
      if (this.frame !== null) cancelAnimationFrame(this.frame);
      this.frame = null;
    };
  };

  /** The current outline; the same object until something in it changes. */
  getOutline = (): Outline => {
    if (this.listeners.size === 0) this.catchUp();
    return this.outline;
  };

  /** The id of the clause holding the caret, or null (caret in the title, or no id yet). */
  getCurrentClauseId = (): string | null => {
    if (this.listeners.size === 0) this.catchUp();
    return this.currentClauseId;
  };

  private schedule = (): void => {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(this.refresh);
  };

  private refresh = (): void => {
    this.frame = null;
    if (this.catchUp()) for (const listener of this.listeners) listener();
  };

  /** Brings the outline and the current clause up to date with the editor; true when either changed. */
  private catchUp(): boolean {
    if (this.editor.isDestroyed) return false;
    let changed = false;
    const doc = this.editor.state.doc;
    const taxonomy = taxonomyOf(this.editor.state);
    if (doc !== this.lastDoc || taxonomy !== this.lastTaxonomy) {
      this.lastDoc = doc;
      this.lastTaxonomy = taxonomy;
      const next = this.reuseUnchanged(readOutline(documentJSON(doc), taxonomy));
      if (next !== this.outline) {
        this.outline = next;
        changed = true;
      }
    }
    const current = this.readCurrentClauseId();
    if (current !== this.currentClauseId) {
      this.currentClauseId = current;
      changed = true;
    }
    return changed;
  }

  private readCurrentClauseId(): string | null {
    const clause = clauseAround(this.editor.state.selection.$head);
    const id: unknown = clause?.node.attrs.id;
    return typeof id === 'string' && id !== '' ? id : null;
  }

  /** `next` with every clause equal to the previous outline's at the same place replaced by that object. */
  private reuseUnchanged(next: Outline): Outline {
    const previous = this.outline;
    let same =
      next.title === previous.title &&
      next.formula === previous.formula &&
      next.clauses.length === previous.clauses.length &&
      sameProblems(next.problems, previous.problems);
    // The lists around the clauses are short: kept as they were when equal, so panels reading them skip a render.
    const divisions = sameJSON(next.divisions, previous.divisions) ? previous.divisions : next.divisions;
    const annexes = sameJSON(next.annexes, previous.annexes) ? previous.annexes : next.annexes;
    const footnotes = sameJSON(next.footnotes, previous.footnotes) ? previous.footnotes : next.footnotes;
    const numbering = sameJSON(next.numbering, previous.numbering) ? previous.numbering : next.numbering;
    same =
      same &&
      divisions === previous.divisions &&
      annexes === previous.annexes &&
      footnotes === previous.footnotes &&
      numbering === previous.numbering;
    const clauses = next.clauses.map((clause, index) => {
      const before = previous.clauses[index];
      if (before !== undefined && sameClause(before, clause)) return before;
      same = false;
      return clause;
    });
    return same ? previous : { ...next, clauses, divisions, annexes, footnotes, numbering };
  }
}
