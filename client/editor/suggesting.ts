import type { Fragment, Mark, MarkType, Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { TextSelection } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import type { SuggestionAttributes } from '../../shared/suggestions';
import { SUGGESTION_MARKS, newSuggestionId } from '../../shared/suggestions';
import { findClauseById } from './findClause';
import { createEmptyClause } from './newNodes';

/** Who suggests: the signed-in person and the delegation they speak for. */
export interface Suggester {
  userId: string;
  affiliationId: string;
}

/** What became of a change made while suggesting. */
export type Suggested =
  | { kind: 'suggested'; tr: Transaction }
  /** Nothing to suggest (it only touched other people's proposed words, say): the change is dropped, with why. */
  | { kind: 'refused'; reason: string };

/** Marks a transaction that is already a suggestion, so nothing rewrites or refuses it again. */
export const SUGGESTED_META = 'accordSuggested';

/** Why a change cannot be a suggestion. */
export const SUGGEST_WORDS_ONLY =
  'While suggesting you change words within a paragraph; splitting or joining paragraphs and clauses needs editing rights here.';
export const OTHERS_WORDS =
  'These words are another delegation’s suggestion: support or oppose it instead of changing it.';

const random = (): string => Math.random().toString(36).slice(2, 12).padEnd(8, '0');

/** The attributes of a new suggestion mark: those of the person's adjacent one when it continues it (same id, same time). */
function attributesFor(who: Suggester, continued: Mark | undefined): SuggestionAttributes {
  if (continued) return continued.attrs as SuggestionAttributes;
  return {
    id: newSuggestionId(who.userId, random()),
    delegation: who.affiliationId,
    author: who.userId,
    at: new Date().toISOString(),
  };
}

function ownMark(marks: readonly Mark[], type: MarkType, who: Suggester): Mark | undefined {
  return marks.find((mark) => mark.type === type && mark.attrs.author === who.userId);
}

/** The suggestion mark of `type` by `who` on the character just before or just after `pos`, to continue it. */
function adjacentOwn(doc: ProseMirrorNode, pos: number, type: MarkType, who: Suggester): Mark | undefined {
  const $pos = doc.resolve(pos);
  return ownMark($pos.nodeBefore?.marks ?? [], type, who) ?? ownMark($pos.nodeAfter?.marks ?? [], type, who);
}

/**
 * The words a step puts in, when it only replaces inline content inside one textblock (typing,
 * deleting, pasting words): the slice's inline content; null for anything that changes structure.
 */
function wordsOf(doc: ProseMirrorNode, step: ReplaceStep): Fragment | null {
  const $from = doc.resolve(step.from);
  const $to = doc.resolve(step.to);
  if (!$from.parent.isTextblock || $from.parent !== $to.parent) return null;
  // Only where suggestions can stand (a clause's or a point's paragraph; not the title, formula or a heading).
  if (!$from.parent.type.allowsMarkType(doc.type.schema.marks[SUGGESTION_MARKS.insert]!)) return null;
  const { content, openStart, openEnd } = step.slice;
  let words: Fragment | null = null;
  if (openStart === 0 && openEnd === 0) words = content;
  else if (openStart === 1 && openEnd === 1 && content.childCount === 1 && content.firstChild!.isTextblock)
    words = content.firstChild!.content;
  let inline = words !== null;
  words?.forEach((node) => {
    if (!node.isInline) inline = false;
  });
  return inline ? words : null;
}

/**
 * Rewrites a change made while suggesting (docs/suggestions.md): words typed or pasted are the
 * person's insertion (continuing theirs when typed at its edge), words deleted get their deletion
 * mark and stay, and only words of their own insertion really go. Another person's suggested words
 * are left as they are. Anything but changing words within one paragraph is refused.
 */
export function suggestChange(state: EditorState, original: Transaction, who: Suggester): Suggested {
  const steps = original.steps;
  if (steps.length !== 1 || !(steps[0] instanceof ReplaceStep)) return { kind: 'refused', reason: SUGGEST_WORDS_ONLY };
  const step = steps[0];
  const doc = state.doc;
  const words = wordsOf(doc, step);
  if (words === null) return { kind: 'refused', reason: SUGGEST_WORDS_ONLY };
  const schema = state.schema;
  const insertion = schema.marks[SUGGESTION_MARKS.insert]!;
  const deletion = schema.marks[SUGGESTION_MARKS.delete]!;
  const tr = state.tr;
  let touchedOthers = false;

  // Words deleted: own insertions really go; others' suggested words stay; the rest is marked.
  const deleteMark = deletion.create(
    attributesFor(who, adjacentOwn(doc, step.to, deletion, who) ?? adjacentOwn(doc, step.from, deletion, who)),
  );
  const segments: { from: number; to: number; action: 'delete' | 'mark' }[] = [];
  doc.nodesBetween(step.from, step.to, (node, pos) => {
    if (!node.isInline) return true;
    const from = Math.max(pos, step.from);
    const to = Math.min(pos + node.nodeSize, step.to);
    const own = ownMark(node.marks, insertion, who);
    const others = node.marks.some((mark) => mark.type === insertion && mark.attrs.author !== who.userId);
    if (own) segments.push({ from, to, action: 'delete' });
    else if (others) touchedOthers = true;
    else if (!deletion.isInSet(node.marks) || !ownMark(node.marks, deletion, who))
      segments.push({ from, to, action: 'mark' });
    return false;
  });
  for (const segment of segments.reverse()) {
    if (segment.action === 'delete') tr.delete(segment.from, segment.to);
    else tr.addMark(segment.from, segment.to, deleteMark);
  }

  // Words inserted: after any words marked for deletion, as the person's insertion.
  let end = tr.mapping.map(step.to);
  if (words.size > 0) {
    const at = end;
    const continued = adjacentOwn(tr.doc, at, insertion, who);
    tr.insert(at, words);
    end = at + words.size;
    tr.removeMark(at, end, insertion);
    tr.removeMark(at, end, deletion);
    tr.addMark(at, end, insertion.create(attributesFor(who, continued)));
  }
  if (!tr.docChanged) return { kind: 'refused', reason: touchedOthers ? OTHERS_WORDS : SUGGEST_WORDS_ONLY };

  // The caret: after typed words; before words deleted backwards; after words deleted forwards.
  const backwards = state.selection.empty && state.selection.from === step.to;
  const caret = words.size > 0 ? end : backwards ? tr.mapping.map(step.from, -1) : end;
  tr.setSelection(TextSelection.create(tr.doc, caret));
  for (const [key, value] of Object.entries((original as unknown as { meta: Record<string, unknown> }).meta)) {
    if (key !== 'appendedTransaction') tr.setMeta(key, value);
  }
  return { kind: 'suggested', tr: tr.scrollIntoView() };
}

/**
 * In editing mode, words typed or pasted never carry another person's suggestion mark (typing
 * inside someone's insertion would otherwise extend it, which the server refuses): such marks are
 * taken off what the change inserted.
 */
export function withoutOthersMarks(tr: Transaction, who: Suggester): Transaction {
  const schema = tr.doc.type.schema;
  const types = [schema.marks[SUGGESTION_MARKS.insert]!, schema.marks[SUGGESTION_MARKS.delete]!];
  tr.steps.forEach((step, index) => {
    if (!(step instanceof ReplaceStep) || step.slice.size === 0) return;
    const map = tr.mapping.slice(index + 1);
    const from = map.map(step.from, -1);
    const to = map.map(step.from + step.slice.size, 1);
    tr.doc.nodesBetween(from, to, (node, pos) => {
      for (const mark of node.marks) {
        if (types.includes(mark.type) && mark.attrs.author !== who.userId)
          tr.removeMark(Math.max(pos, from), Math.min(pos + node.nodeSize, to), mark);
      }
    });
  });
  return tr;
}

/**
 * A new paragraph after the clause `afterClauseId`, proposed as a whole: every word the person's
 * insertion, so it is numbered "OP3 bis" until accepted and goes if rejected or withdrawn
 * (docs/suggestions.md). Null when the clause is gone or there are no words.
 */
export function proposeParagraph(
  state: EditorState,
  afterClauseId: string,
  words: string,
  who: Suggester,
): Transaction | null {
  const text = words.replace(/\s+/g, ' ').trim();
  const clause = findClauseById(state.doc, afterClauseId);
  if (!clause || text === '') return null;
  const schema = state.schema;
  const insertion = schema.marks[SUGGESTION_MARKS.insert]!.create(attributesFor(who, undefined));
  const empty = createEmptyClause(schema);
  const proposed = empty.type.create(empty.attrs, schema.nodes.paragraph!.create(null, schema.text(text, [insertion])));
  const at = clause.pos + clause.node.nodeSize;
  const tr = state.tr.insert(at, proposed);
  tr.setSelection(TextSelection.create(tr.doc, at + 2 + text.length));
  return tr.setMeta(SUGGESTED_META, true).scrollIntoView();
}

/**
 * The person proposes to delete the clause `clauseId` as a whole: every word of it not already
 * suggested takes their deletion mark (another delegation's proposed words stay theirs). Accepted,
 * the paragraph goes. Null when there is nothing left to mark.
 */
export function proposeDeletingClause(state: EditorState, clauseId: string, who: Suggester): Transaction | null {
  const clause = findClauseById(state.doc, clauseId);
  if (!clause) return null;
  const { insertion, deletion } = {
    insertion: state.schema.marks[SUGGESTION_MARKS.insert]!,
    deletion: state.schema.marks[SUGGESTION_MARKS.delete]!,
  };
  const mark = deletion.create(attributesFor(who, undefined));
  const tr = state.tr;
  clause.node.descendants((node, offset) => {
    if (!node.isText) return true;
    const suggested = insertion.isInSet(node.marks) || ownMark(node.marks, deletion, who);
    const from = clause.pos + 1 + offset;
    if (!suggested) tr.addMark(from, from + node.nodeSize, mark);
    return false;
  });
  return tr.docChanged ? tr.setMeta(SUGGESTED_META, true) : null;
}
