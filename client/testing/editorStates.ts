/**
 * Editor states for unit tests of the editing operations: a draft built from a plain-text spec
 * with predictable ids, the caret put in the text a person would click, an operation run as a
 * key press would run it, and the outline the server would read from the result.
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { expect } from 'vitest';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { draftFromSpec, type DraftSpec } from '../../shared/draftText';
import { readOutline, type Outline } from '../../shared/outline';
import { draftSchema } from '../../shared/schema';

const schema = draftSchema();

/** A state of `spec` whose clauses, points, divisions and annexes have the ids id1, id2 … in creation order. */
export function stateFromSpec(spec: DraftSpec): EditorState {
  let next = 0;
  const doc = schema.nodeFromJSON(draftFromSpec(spec, () => `id${++next}`));
  return EditorState.create({ doc, schema });
}

/** The position before the first textblock whose text starts with `text`. */
export function textblockStarting(doc: ProseMirrorNode, text: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (node.isTextblock && node.textContent.startsWith(text)) found = pos;
    return !node.isTextblock;
  });
  if (found < 0) throw new Error(`no text starting “${text}”`);
  return found;
}

/**
 * `state` with the caret in the first textblock whose text starts with `text`, `offset`
 * characters in (-1: at its end).
 */
export function withCaret(state: EditorState, text: string, offset = 0): EditorState {
  const pos = textblockStarting(state.doc, text);
  const block = state.doc.nodeAt(pos)!;
  const at = pos + 1 + (offset < 0 ? block.content.size : offset);
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
}

/** Runs `operation` as a key press would and applies it; it must say it handled the key. */
export function run(state: EditorState, operation: (tr: Transaction) => boolean): EditorState {
  const tr = state.tr;
  expect(operation(tr)).toBe(true);
  return state.apply(tr);
}

/** Whether `operation` would change the text of `state` at all. */
export function changes(state: EditorState, operation: (tr: Transaction) => boolean): boolean {
  const tr = state.tr;
  return operation(tr) && tr.docChanged;
}

/** The outline the server reads from the state's text. */
export function outlineOf(state: EditorState): Outline {
  return readOutline(state.doc.toJSON() as DocumentNodeJSON);
}

/** The references of every point of the draft in order ("OP1(a)", "OP1(b)(i)" …). */
export function pointReferences(state: EditorState): string[] {
  return outlineOf(state).clauses.flatMap((clause) => clause.points.map((point) => point.reference));
}

/** The text of the textblock holding the caret. */
export function caretText(state: EditorState): string {
  return state.selection.$from.parent.textContent;
}
