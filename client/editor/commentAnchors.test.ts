import { EditorState, TextSelection } from '@tiptap/pm/state';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, ySyncPlugin } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { ClauseJSON } from '../../shared/draftText';
import { draftFromSpec, sectionOf } from '../../shared/draftText';
import { draftSchema } from '../../shared/schema';
// The server decides what an anchor means; the browser must agree with it exactly.
import { resolveAnchor, spanAnchor } from '../../server/comments/anchors';
import { decodePosition, resolveSpan, spanAnchorFromSelection, textOfRange } from './commentAnchors';
import { findClauseById } from './findClause';

const schema = draftSchema();

/** A Yjs document with a draft, and an editor state bound to it as the browser's would be. */
function boundDraft() {
  let next = 0;
  const json = draftFromSpec(
    {
      title: 'Anchors',
      preamble: ['Recognizing that words matter,'],
      operative: [
        {
          text: 'States should protect hospitals and water systems.',
          subparagraphs: ['by sharing warnings;', 'by restraint.'],
        },
        'States should cooperate.',
      ],
    },
    () => `c${++next}`,
  );
  // Ids in creation order: c1 the preambular clause, c2 the first operative clause, c3 and c4 its
  // points (points have ids of their own), c5 the second operative clause.
  // A line break inside the first operative clause: "protect hospitals" ⏎ "and water systems."
  const first = (sectionOf(json, 'operative').content[0] as ClauseJSON).content[0];
  first.content = [
    { type: 'text', text: 'States should protect hospitals' },
    { type: 'hardBreak' } as never,
    { type: 'text', text: 'and water systems.' },
  ];
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment(DOCUMENT_FIELD);
  prosemirrorJSONToYXmlFragment(schema, json, fragment);
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  const state = EditorState.create({ schema, doc, plugins: [ySyncPlugin(fragment, { mapping })] });
  return { ydoc, state };
}

/** The document positions of `words` (the first occurrence) inside the clause with `clauseId`. */
function rangeOf(state: EditorState, clauseId: string, words: string): { from: number; to: number } {
  const clause = findClauseById(state.doc, clauseId);
  if (!clause) throw new Error(`no clause ${clauseId}`);
  const start = clause.pos + 1;
  const end = clause.pos + clause.node.nodeSize - 1;
  const inText = (pos: number) => state.doc.resolve(pos).parent.inlineContent;
  for (let from = start; from < end; from++) {
    for (let to = from + 1; to <= end; to++) {
      if (inText(from) && inText(to) && textOfRange(state, from, to) === words) return { from, to };
    }
  }
  throw new Error(`no “${words}” in ${clauseId}`);
}

function select(state: EditorState, range: { from: number; to: number }): EditorState {
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, range.from, range.to)));
}

describe('comment anchors made in the browser', () => {
  it.each([
    ['within one line', 'c2', 'protect hospitals'],
    ['across a line break', 'c2', 'hospitals\nand water'],
    ['from the first paragraph into a sub-paragraph', 'c2', 'systems.\nby sharing'],
    ['a whole sub-paragraph', 'c2', 'by restraint.'],
  ])('mean the same words to the server: %s', (_name, clauseId, words) => {
    const { ydoc, state } = boundDraft();
    const made = spanAnchorFromSelection(select(state, rangeOf(state, clauseId, words)));
    if (!made.ok) throw new Error(made.reason);
    expect(made.anchor).toMatchObject({ clauseId, quote: words });
    expect(resolveAnchor(ydoc, made.anchor)).toMatchObject({ state: 'attached', currentText: words });
  });

  it('resolve anchors made by the server to the same words', () => {
    const { ydoc, state } = boundDraft();
    const clauseText = 'States should protect hospitals\nand water systems.\nby sharing warnings;\nby restraint.';
    for (const words of ['States', 'water systems.', 'warnings;\nby', 'restraint.']) {
      const at = clauseText.indexOf(words);
      const anchor = spanAnchor(ydoc, 'c2', at, at + words.length);
      if (!('from' in anchor)) throw new Error('not a span');
      const range = resolveSpan(state, 'c2', decodePosition(anchor.from)!, decodePosition(anchor.to)!);
      expect(range && textOfRange(state, range.from, range.to)).toBe(words);
    }
  });

  it('refuse an empty selection, the title, and a selection across clauses, with a sentence', () => {
    const { state } = boundDraft();
    const caret = state.apply(
      state.tr.setSelection(TextSelection.create(state.doc, rangeOf(state, 'c2', 'States').from)),
    );
    expect(spanAnchorFromSelection(caret)).toEqual({ ok: false, reason: 'Select the words your comment is about.' });
    expect(spanAnchorFromSelection(select(state, { from: 1, to: 5 }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/select words in a clause/),
    });
    const across = { from: rangeOf(state, 'c2', 'restraint').from, to: rangeOf(state, 'c5', 'cooperate').to };
    expect(spanAnchorFromSelection(select(state, across))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/one clause at a time/),
    });
  });

  it('leave out the edges between blocks, so a span starts and ends on words', () => {
    const { ydoc, state } = boundDraft();
    const words = rangeOf(state, 'c5', 'States should cooperate.');
    // From just after the last word of the clause before (a drag often starts there).
    const made = spanAnchorFromSelection(select(state, { from: rangeOf(state, 'c2', 'restraint.').to, to: words.to }));
    if (!made.ok) throw new Error(made.reason);
    expect(made.anchor).toMatchObject({ clauseId: 'c5', quote: 'States should cooperate.' });
    expect(resolveAnchor(ydoc, made.anchor).currentText).toBe('States should cooperate.');
  });
});
