import { getSchema } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { clauseText } from '../../shared/outline';
import { draftExtensions } from '../../shared/schema';
import { ClauseDocument } from './ClauseDocument';
import type { PointCommand } from './clausePoints';
import { indentPoint, outdentPoint, pointLabelDecorations, splitPoint } from './clausePoints';

const schema = getSchema([...draftExtensions.filter((extension) => extension.name !== 'doc'), ClauseDocument]);

/** A point with its id and the points within it. */
type Point = [id: string | null, text: string, points?: Point[]];

function paragraph(text: string): DocumentNodeJSON {
  return text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };
}

function clause(opening: string, points: Point[], paragraphs: string[] = []): DocumentNodeJSON {
  const point = ([id, text, inner = []]: Point): DocumentNodeJSON => ({
    type: 'subparagraph',
    attrs: { id },
    content: [paragraph(text), ...inner.map(point)],
  });
  return {
    type: 'clause',
    attrs: { id: 'c1', pillars: [], status: 'open' },
    content: [paragraph(opening), ...paragraphs.map(paragraph), ...points.map(point)],
  };
}

/** The editor's state with the caret `offset` characters into the first block whose words are `words`. */
function stateAt(node: DocumentNodeJSON, words: string, offset = 0): EditorState {
  const doc = schema.nodeFromJSON({ type: 'doc', content: [node] });
  let at = -1;
  doc.descendants((child, pos) => {
    if (at < 0 && child.isTextblock && child.textContent === words) at = pos + 1 + offset;
    return at < 0;
  });
  if (at < 0) throw new Error(`no block "${words}"`);
  return EditorState.create({ doc, selection: TextSelection.create(doc, at) });
}

/** Runs a command; the clause as plain text (labels derived as the outline derives them) and where the caret is. */
function run(command: PointCommand, state: EditorState): { done: boolean; text: string; caretIn: string } {
  let next = state;
  const done = command(state, (tr) => {
    next = state.apply(tr);
  });
  const clauseNode = next.doc.firstChild!.toJSON() as DocumentNodeJSON;
  return { done, text: clauseText(clauseNode), caretIn: next.selection.$from.parent.textContent };
}

const BASE = clause('States should:', [
  ['a', 'protect hospitals;'],
  ['b', 'share evidence:', [['b1', 'promptly;']]],
  ['c', 'report.'],
]);

describe('the clause editor’s points', () => {
  it('Tab puts a point one level deeper, into the point before it, with its own points', () => {
    const done = run(indentPoint, stateAt(BASE, 'share evidence:', 3));
    expect(done.done).toBe(true);
    expect(done.text).toBe('States should:\n(a) protect hospitals;\n(i) share evidence:\n(A) promptly;\n(b) report.');
    expect(done.caretIn).toBe('share evidence:');
    // A point with nothing before it at its level, or whose points would pass the third level, stays.
    expect(run(indentPoint, stateAt(BASE, 'protect hospitals;')).done).toBe(false);
    const deep = clause('States should:', [
      ['a', 'x;', [['a1', 'y;', [['a1A', 'z;']]]]],
      ['b', 'w;', [['b1', 'v;']]],
    ]);
    expect(run(indentPoint, stateAt(deep, 'w;')).text).toBe('States should:\n(a) x;\n(i) y;\n(A) z;\n(ii) w;\n(A) v;');
    expect(run(indentPoint, stateAt(deep, 'z;')).done).toBe(false);
    expect(run(indentPoint, stateAt(deep, 'v;')).done).toBe(false);
    const full = clause('States should:', [
      ['a', 'x;', [['a1', 'y;']]],
      ['b', 'w;', [['b1', 'v;', [['b1A', 'u;']]]]],
    ]);
    expect(run(indentPoint, stateAt(full, 'w;')).done).toBe(false);
  });

  it('Tab makes a later paragraph of the clause a point, never the opening one', () => {
    const withParagraph = clause('States should:', [], ['in particular:']);
    expect(run(indentPoint, stateAt(withParagraph, 'in particular:')).text).toBe('States should:\n(a) in particular:');
    expect(run(indentPoint, stateAt(withParagraph, 'States should:')).done).toBe(false);
  });

  it('Shift-Tab puts a point one level shallower, keeping the order of the text', () => {
    const nested = clause('States should:', [
      [
        'a',
        'share evidence:',
        [
          ['a1', 'promptly;'],
          ['a2', 'fully;'],
          ['a3', 'openly;'],
        ],
      ],
    ]);
    const lifted = run(outdentPoint, stateAt(nested, 'fully;', 2));
    expect(lifted.text).toBe('States should:\n(a) share evidence:\n(i) promptly;\n(b) fully;\n(i) openly;');
    expect(lifted.caretIn).toBe('fully;');
    // A point of the first level becomes a paragraph of the clause; its points move up a level.
    expect(run(outdentPoint, stateAt(nested, 'share evidence:')).text).toBe(
      'States should:\nshare evidence:\n(a) promptly;\n(b) fully;\n(c) openly;',
    );
    expect(run(outdentPoint, stateAt(nested, 'States should:')).done).toBe(false);
  });

  it('Enter in a point starts the next point of its level, without repeating its id', () => {
    const state = stateAt(BASE, 'share evidence:', 'share'.length);
    let next = state;
    expect(splitPoint(state, (tr) => (next = state.apply(tr)))).toBe(true);
    const json = next.doc.firstChild!.toJSON() as DocumentNodeJSON;
    expect(clauseText(json)).toBe(
      'States should:\n(a) protect hospitals;\n(b) share\n(c)  evidence:\n(i) promptly;\n(d) report.',
    );
    const ids: unknown[] = [];
    next.doc.descendants((node: ProseMirrorNode) => {
      if (node.type.name === 'subparagraph') ids.push(node.attrs.id);
    });
    expect(ids).toEqual(['a', 'b', null, 'b1', 'c']);
    // In an empty point, Enter goes back a level; outside points it is left to the paragraph split.
    const empty = clause('States should:', [['a', 'x;', [['a1', '']]]]);
    expect(run(splitPoint, stateAt(empty, '')).text).toBe('States should:\n(a) x;\n(b) ');
    expect(run(splitPoint, stateAt(BASE, 'States should:')).done).toBe(false);
  });

  it('labels every point by its level and place, live', () => {
    const doc = schema.nodeFromJSON({ type: 'doc', content: [BASE] });
    const labels = pointLabelDecorations(doc)
      .find()
      .sort((a, b) => a.from - b.from)
      .map(
        (decoration) =>
          (decoration as unknown as { type: { attrs: Record<string, string> } }).type.attrs['data-letter'],
      );
    expect(labels).toEqual(['(a)', '(b)', '(i)', '(c)']);
  });
});
