/**
 * The editing operations on the structure around clauses: division headings (parts and
 * sections), the opening formula, annexes and footnotes. Pure functions over a transaction, like
 * `clauseEditing.ts`: each changes the transaction only when it applies and says whether it did.
 * New divisions and annexes get fresh ids; numbers and labels are never written.
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { NodeSelection, Selection, TextSelection, type Transaction } from '@tiptap/pm/state';
import { newClauseId } from '../../shared/clauseId';
import { MAX_FOOTNOTE_LENGTH } from '../../shared/limits';
import type { DivisionLevel } from '../../shared/structure';
import { createEmptyClause } from './newNodes';
import { clauseAround } from './findClause';
import { annexAround, findIdentifiedNode, formulaOf } from './findStructure';

/** The division the operation targets: the one with `divisionId`, or the one whose title holds the caret. */
function targetDivision(tr: Transaction, divisionId?: string): { node: ProseMirrorNode; pos: number } | null {
  if (divisionId !== undefined) {
    const found = findIdentifiedNode(tr.doc, divisionId);
    return found?.node.type.name === 'division' ? found : null;
  }
  const { $from } = tr.selection;
  return $from.parent.type.name === 'division' ? { node: $from.parent, pos: $from.before() } : null;
}

/**
 * Inserts an empty division heading of `level` right before the clause with the caret, with the
 * caret in its title, so the drafter types it at once. Only the operative part and annexes hold
 * divisions: false in the preamble and outside clauses.
 */
export function insertDivision(tr: Transaction, level: DivisionLevel): boolean {
  const clause = clauseAround(tr.selection.$from);
  if (!clause || clause.kind === 'preambular') return false;
  const division = tr.doc.type.schema.nodes.division!.create({ id: newClauseId(), level });
  tr.insert(clause.pos, division);
  tr.setSelection(TextSelection.create(tr.doc, clause.pos + 1)).scrollIntoView();
  return true;
}

/** Makes a division a part or a section; numbers follow. False when there is no such division or nothing changes. */
export function setDivisionLevel(tr: Transaction, level: DivisionLevel, divisionId?: string): boolean {
  const division = targetDivision(tr, divisionId);
  if (!division || division.node.attrs.level === level) return false;
  tr.setNodeAttribute(division.pos, 'level', level);
  return true;
}

/** Removes a division heading; its clauses stay, and join the group before it. The caret goes to the next text. */
export function removeDivision(tr: Transaction, divisionId?: string): boolean {
  const division = targetDivision(tr, divisionId);
  if (!division) return false;
  const caretInside = tr.selection.from > division.pos && tr.selection.to < division.pos + division.node.nodeSize;
  tr.delete(division.pos, division.pos + division.node.nodeSize);
  if (caretInside) tr.setSelection(Selection.near(tr.doc.resolve(division.pos), 1));
  tr.scrollIntoView();
  return true;
}

/** Adds an empty opening formula after the title, with the caret in it. False when the draft has one. */
export function addFormula(tr: Transaction): boolean {
  const title = tr.doc.firstChild;
  if (!title || formulaOf(tr.doc)) return false;
  tr.insert(title.nodeSize, tr.doc.type.schema.nodes.formula!.create());
  tr.setSelection(TextSelection.create(tr.doc, title.nodeSize + 1)).scrollIntoView();
  return true;
}

/** Removes the opening formula. False when the draft has none. */
export function removeFormula(tr: Transaction): boolean {
  const formula = formulaOf(tr.doc);
  if (!formula) return false;
  const caretInside = tr.selection.from > formula.pos && tr.selection.to < formula.pos + formula.node.nodeSize;
  tr.delete(formula.pos, formula.pos + formula.node.nodeSize);
  if (caretInside) tr.setSelection(Selection.near(tr.doc.resolve(formula.pos), 1));
  tr.scrollIntoView();
  return true;
}

/** Adds an annex at the end of the draft: an empty title (with the caret in it) and one empty paragraph. */
export function addAnnex(tr: Transaction): boolean {
  const schema = tr.doc.type.schema;
  const annex = schema.nodes.annex!.create({ id: newClauseId() }, [
    schema.nodes.annexTitle!.create(),
    createEmptyClause(schema),
  ]);
  const pos = tr.doc.content.size;
  tr.insert(pos, annex);
  tr.setSelection(TextSelection.create(tr.doc, pos + 2)).scrollIntoView();
  return true;
}

/** Whether an annex holds no words beyond its title: no text and no footnote in its paragraphs or headings. */
export function isEmptyAnnex(annex: ProseMirrorNode): boolean {
  let empty = true;
  annex.forEach((child) => {
    if (child.type.name === 'annexTitle') return;
    child.descendants((node) => {
      if (node.isText || node.type.name === 'footnote') empty = false;
      return empty;
    });
  });
  return empty;
}

/**
 * Removes an empty annex (see {@link isEmptyAnnex}): the one with `annexId`, or the one with the
 * caret. An annex with words is never removed this way: its paragraphs are deleted first.
 */
export function removeAnnex(tr: Transaction, annexId?: string): boolean {
  const annex = annexId !== undefined ? findIdentifiedNode(tr.doc, annexId) : (annexAround(tr.selection.$from) ?? null);
  if (!annex || annex.node.type.name !== 'annex' || !isEmptyAnnex(annex.node)) return false;
  tr.delete(annex.pos, annex.pos + annex.node.nodeSize);
  tr.setSelection(Selection.near(tr.doc.resolve(Math.min(annex.pos, tr.doc.content.size)), -1)).scrollIntoView();
  return true;
}

/** A footnote's note as it is stored: trimmed; null when empty or longer than {@link MAX_FOOTNOTE_LENGTH}. */
export function cleanNote(note: string): string | null {
  const trimmed = note.trim();
  return trimmed === '' || trimmed.length > MAX_FOOTNOTE_LENGTH ? null : trimmed;
}

/**
 * Inserts a footnote with `note` at the caret (after a selection, which stays as it is), in the
 * text of a clause or a point, and puts the caret after it. False outside clauses, or for an empty
 * or over-long note.
 */
export function insertFootnote(tr: Transaction, note: string): boolean {
  const clean = cleanNote(note);
  const { $to } = tr.selection;
  if (clean === null || !$to.parent.isTextblock || !clauseAround($to)) return false;
  const footnote = tr.doc.type.schema.nodes.footnote!.create({ note: clean });
  tr.insert($to.pos, footnote);
  tr.setSelection(TextSelection.create(tr.doc, $to.pos + footnote.nodeSize)).scrollIntoView();
  return true;
}

function footnoteAt(tr: Transaction, pos: number): ProseMirrorNode | null {
  const node = pos >= 0 && pos < tr.doc.content.size ? tr.doc.nodeAt(pos) : null;
  return node?.type.name === 'footnote' ? node : null;
}

/** Changes the note of the footnote at `pos`. False when there is none there, or the note is empty, too long or unchanged. */
export function setFootnoteNote(tr: Transaction, pos: number, note: string): boolean {
  const footnote = footnoteAt(tr, pos);
  const clean = cleanNote(note);
  if (!footnote || clean === null || footnote.attrs.note === clean) return false;
  tr.setNodeAttribute(pos, 'note', clean);
  return true;
}

/** Removes the footnote at `pos`; the caret stays where it stood. False when there is none there. */
export function removeFootnote(tr: Transaction, pos: number): boolean {
  const footnote = footnoteAt(tr, pos);
  if (!footnote) return false;
  tr.delete(pos, pos + footnote.nodeSize);
  if (tr.selection instanceof NodeSelection) tr.setSelection(TextSelection.create(tr.doc, pos));
  return true;
}
