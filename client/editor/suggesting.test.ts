import type { EditorState, Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { stateFromSpec, textblockStarting, withCaret } from '../testing/editorStates';
import type { Suggester } from './suggesting';
import { OTHERS_WORDS, SUGGEST_WORDS_ONLY, suggestChange, withoutOthersMarks } from './suggesting';

const valdoria: Suggester = { userId: 'u_val', affiliationId: 'a_val' };
const norland: Suggester = { userId: 'u_nor', affiliationId: 'a_nor' };

const base = () =>
  stateFromSpec({ title: 'T', preamble: [], operative: ['States shall protect hospitals.', 'States should act.'] });

/** Where a word of the first clause starts. */
function at(state: EditorState, offset: number): number {
  return textblockStarting(state.doc, 'States shall') + 1 + offset;
}

/** Applies what `change` does as `who` suggests it; fails if it was refused. */
function suggest(state: EditorState, who: Suggester, change: (tr: Transaction) => void): EditorState {
  const tr = state.tr;
  change(tr);
  const result = suggestChange(state, tr, who);
  if (result.kind !== 'suggested') throw new Error(result.reason);
  return state.apply(result.tr);
}

/** The first clause as runs: plain words, <+words+> inserted and <-words-> struck, each with its author. */
function shown(state: EditorState): string {
  const paragraph = state.doc.nodeAt(textblockStarting(state.doc, 'States'))!;
  let out = '';
  paragraph.forEach((node) => {
    const kinds = node.marks
      .filter((mark) => mark.type.name === 'insertion' || mark.type.name === 'deletion')
      .map((mark) => `${mark.type.name === 'insertion' ? '+' : '-'}${String(mark.attrs.author).slice(2)}`);
    out += kinds.length === 0 ? node.text : `<${kinds.join(',')}:${node.text}>`;
  });
  return out;
}

describe('suggesting: a change rewritten as the person’s suggestion', () => {
  it('types words as an insertion, continuing it at its edge with the same id', () => {
    let state = withCaret(base(), 'States shall', 13);
    state = suggest(state, valdoria, (tr) => tr.insertText('only '));
    state = suggest(state, valdoria, (tr) => tr.insertText('and '));
    expect(shown(state)).toBe('States shall <+val:only and >protect hospitals.');
    const ids = new Set<string>();
    state.doc.descendants((node) => {
      for (const mark of node.marks) ids.add(String(mark.attrs.id));
    });
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^u_val:/);
    expect(state.selection.from).toBe(at(state, 22));
  });

  it('marks deleted words instead of removing them; deleting backwards moves the caret before them', () => {
    let state = withCaret(base(), 'States shall', 12);
    for (let i = 0; i < 5; i++) {
      const from = state.selection.from;
      state = suggest(state, valdoria, (tr) => tr.delete(from - 1, from));
    }
    expect(shown(state)).toBe('States <-val:shall> protect hospitals.');
    expect(state.selection.from).toBe(at(state, 7));
  });

  it('replaces selected words by striking them and inserting the new ones after', () => {
    const state = base();
    const next = suggest(state, valdoria, (tr) => tr.insertText('should', at(state, 7), at(state, 12)));
    expect(shown(next)).toBe('States <-val:shall><+val:should> protect hospitals.');
  });

  it('really removes words of the person’s own insertion, and leaves another delegation’s alone', () => {
    let state = withCaret(base(), 'States shall', 13);
    state = suggest(state, valdoria, (tr) => tr.insertText('only '));
    const own = suggest(state, valdoria, (tr) => tr.delete(at(state, 13), at(state, 18)));
    expect(shown(own)).toBe('States shall protect hospitals.');
    const refused = state.tr.delete(at(state, 13), at(state, 18));
    expect(suggestChange(state, refused, norland)).toEqual({ kind: 'refused', reason: OTHERS_WORDS });
  });

  it('lets two delegations strike the same words, each with its own mark', () => {
    let state = base();
    state = suggest(state, valdoria, (tr) => tr.delete(at(state, 7), at(state, 12)));
    state = suggest(state, norland, (tr) => tr.delete(at(state, 7), at(state, 12)));
    expect(shown(state)).toBe('States <-val,-nor:shall> protect hospitals.');
  });

  it('refuses splitting a paragraph or joining clauses while suggesting', () => {
    const state = withCaret(base(), 'States shall', 6);
    expect(suggestChange(state, state.tr.split(state.selection.from), valdoria)).toEqual({
      kind: 'refused',
      reason: SUGGEST_WORDS_ONLY,
    });
    const second = textblockStarting(state.doc, 'States should');
    const join = state.tr.delete(second - 3, second + 1);
    expect(suggestChange(state, join, valdoria).kind).toBe('refused');
  });

  it('in editing mode, takes another delegation’s marks off words typed inside their insertion', () => {
    let state = withCaret(base(), 'States shall', 13);
    state = suggest(state, norland, (tr) => tr.insertText('only '));
    const tr = state.tr.insertText('X', at(state, 15));
    const marks = tr.doc.nodeAt(at(state, 15))!.marks.map((mark) => mark.type.name);
    expect(marks).toEqual(['insertion']);
    const cleaned = state.apply(withoutOthersMarks(tr, valdoria));
    expect(shown(cleaned)).toBe('States shall <+nor:on>X<+nor:ly >protect hospitals.');
  });
});
