import type { EditorState, Transaction } from '@tiptap/pm/state';
import type { DivisionLevel } from '../../shared/structure';
import { indentInClause, outdentInClause } from './clauseEditing';
import { clauseAround } from './findClause';
import { annexAround, divisionAround, footnoteAtSelection, footnoteNumberAt, formulaOf } from './findStructure';
import { isLockedClause, refusesTransaction } from './lockedChanges';
import { insertPoint, pointOfCaret } from './pointEditing';
import { addAnnex, addFormula, insertDivision, insertFootnote, isEmptyAnnex } from './structureEditing';
import { suggestsAtCaret } from './SuggestMode';
import type { TextPermissions } from './textPermissions';

/**
 * What the caret is in, structurally, and which structural operations would change the text and
 * be allowed for the person right now: what the toolbar shows and enables. Equal answers are
 * equal field by field, so a selector can compare them cheaply.
 */
export interface CaretStructure {
  /** Where the caret is. */
  where: 'clause' | 'point' | 'division' | 'formula' | 'annexTitle' | 'title' | 'none';
  /** "OP1", or for a point "OP1(b)(ii)"; a division's number ("Part I"); an annex's label. */
  reference: string;
  /** A point's level (1 to 3), 0 elsewhere. */
  level: number;
  /** In the preamble: no headings there. */
  inPreamble: boolean;
  /** The division with the caret: its id and level. */
  divisionId: string | null;
  divisionLevel: DivisionLevel | null;
  /** The annex with the caret, and whether it holds no words (then it may be removed). */
  annexId: string | null;
  annexEmpty: boolean;
  hasFormula: boolean;
  /** The footnote at the caret (selected, or just before it): its position, number and note. */
  footnotePos: number | null;
  footnoteNumber: number;
  footnoteNote: string;
  /** Which operations would change the text and be allowed. */
  can: {
    indent: boolean;
    outdent: boolean;
    insertPoint: boolean;
    insertDivision: boolean;
    insertFootnote: boolean;
    editFootnote: boolean;
    addFormula: boolean;
    removeFormula: boolean;
    addAnnex: boolean;
  };
}

/**
 * Whether a change could touch what the person may not change: a locked clause, or the title or
 * the formula for someone who may not rename, within the range the change differs in. None of the
 * operations tried here sets a status, so a change that touches none of these is allowed without
 * comparing the whole draft (this runs on every transaction, everyone's typing included).
 */
function mayTouchLocked(tr: Transaction, permissions: TextPermissions): boolean {
  const start = tr.before.content.findDiffStart(tr.doc.content);
  if (start === null) return false;
  const end = tr.before.content.findDiffEnd(tr.doc.content)?.a ?? start;
  let touches = false;
  tr.before.nodesBetween(Math.min(start, end), Math.max(start, end), (node) => {
    if (touches) return false;
    if (node.type.name === 'clause') {
      touches = isLockedClause(node, permissions);
      return false;
    }
    if (!permissions.rename && (node.type.name === 'title' || node.type.name === 'formula')) touches = true;
    return !node.isTextblock;
  });
  return touches;
}

/** Whether `operation` would change the text now, and be allowed for these permissions. */
function allowed(state: EditorState, permissions: TextPermissions, operation: (tr: Transaction) => boolean): boolean {
  // While suggesting only words change (a new paragraph is proposed in the suggestions panel).
  if (!permissions.editText || suggestsAtCaret(state)) return false;
  const tr = state.tr;
  if (!operation(tr) || !tr.docChanged) return false;
  return !mayTouchLocked(tr, permissions) || !refusesTransaction(tr, permissions);
}

function stringId(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Whether the person may change (or remove) the footnote at `pos`: not in an agreed clause, for a delegate. */
export function mayEditFootnote(state: EditorState, pos: number, permissions: TextPermissions): boolean {
  const node = state.doc.nodeAt(pos);
  if (node?.type.name !== 'footnote') return false;
  return allowed(state, permissions, (tr) => {
    tr.setNodeAttribute(pos, 'note', `${String(node.attrs.note)} `);
    return true;
  });
}

/** Reads {@link CaretStructure} from an editor state. Dry-runs the operations on throwaway transactions. */
export function caretStructure(state: EditorState, permissions: TextPermissions): CaretStructure {
  const { $from } = state.selection;
  const clause = clauseAround($from);
  const point = clause ? pointOfCaret(state) : null;
  const division = divisionAround($from);
  const annex = annexAround($from);
  const formula = formulaOf(state.doc);
  const footnote = footnoteAtSelection(state.selection);
  const parent = $from.parent.type.name;
  const where: CaretStructure['where'] = point
    ? 'point'
    : clause
      ? 'clause'
      : division
        ? 'division'
        : parent === 'formula' || parent === 'annexTitle' || parent === 'title'
          ? parent
          : 'none';
  const can = (operation: (tr: Transaction) => boolean) => allowed(state, permissions, operation);
  return {
    where,
    reference: point?.reference ?? clause?.number ?? division?.number ?? annex?.label ?? '',
    level: point?.level ?? 0,
    inPreamble: clause?.kind === 'preambular',
    divisionId: division ? stringId(division.node.attrs.id) : null,
    divisionLevel: division?.level ?? null,
    annexId: annex ? stringId(annex.node.attrs.id) : null,
    annexEmpty: annex !== null && isEmptyAnnex(annex.node),
    hasFormula: formula !== null,
    footnotePos: footnote?.pos ?? null,
    footnoteNumber: footnote ? footnoteNumberAt(state.doc, footnote.pos) : 0,
    footnoteNote: footnote ? String(footnote.node.attrs.note) : '',
    can: {
      indent: clause !== null && can(indentInClause),
      outdent: clause !== null && can(outdentInClause),
      insertPoint: clause !== null && can(insertPoint),
      insertDivision: clause !== null && can((tr) => insertDivision(tr, 'part')),
      insertFootnote: clause !== null && can((tr) => insertFootnote(tr, 'note')),
      editFootnote: footnote !== null && mayEditFootnote(state, footnote.pos, permissions),
      addFormula: !formula && can(addFormula),
      removeFormula: formula !== null && permissions.editText && permissions.rename,
      addAnnex: can(addAnnex),
    },
  };
}
