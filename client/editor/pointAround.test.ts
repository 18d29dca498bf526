import { describe, expect, it } from 'vitest';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { draftFromSpec } from '../../shared/draftText';
import { draftSchema } from '../../shared/schema';
import { findPointsById, pointAround } from './pointAround';

const schema = draftSchema();

/** OP1 (c2) with (a) c3, (b) c4 holding (i) c5 holding (A) c6; then OP2 (c7). */
function draft(): ProseMirrorNode {
  let next = 0;
  const json = draftFromSpec(
    {
      title: 'Points',
      preamble: ['Recalling,'],
      operative: [
        {
          text: 'Calls upon States:',
          points: ['to protect;', { text: 'to consider:', points: [{ text: 'the harm:', points: ['to civilians.'] }] }],
        },
        'Decides to remain seized.',
      ],
    },
    () => `c${++next}`,
  );
  return schema.nodeFromJSON(json);
}

/** The position just inside the first text block whose words start with `words`. */
function caretIn(doc: ProseMirrorNode, words: string): number {
  let at = -1;
  doc.descendants((node, pos) => {
    if (at < 0 && node.isTextblock && node.textContent.startsWith(words)) at = pos + 1;
    return at < 0;
  });
  if (at < 0) throw new Error(`no “${words}”`);
  return at;
}

describe('the point around the caret', () => {
  it('is the innermost point that holds it, at any level', () => {
    const doc = draft();
    const around = (words: string) => pointAround(doc.resolve(caretIn(doc, words) + 2))?.id ?? null;
    expect(around('to protect;')).toBe('c3');
    expect(around('to consider:')).toBe('c4');
    expect(around('the harm:')).toBe('c5');
    expect(around('to civilians.')).toBe('c6');
  });

  it('is none in a clause’s own paragraph, another clause or the title', () => {
    const doc = draft();
    expect(pointAround(doc.resolve(caretIn(doc, 'Calls upon')))).toBeNull();
    expect(pointAround(doc.resolve(caretIn(doc, 'Decides')))).toBeNull();
    expect(pointAround(doc.resolve(caretIn(doc, 'Points')))).toBeNull();
  });

  it('gives the position of the point node, and an empty id for a point not yet given one', () => {
    const doc = draft();
    const found = pointAround(doc.resolve(caretIn(doc, 'the harm:')))!;
    expect(doc.nodeAt(found.pos)).toBe(found.node);
    expect(found.node.firstChild!.textContent).toBe('the harm:');
    const doc2 = schema.nodeFromJSON(JSON.parse(JSON.stringify(doc.toJSON()).replace('"id":"c3"', '"id":null')));
    expect(pointAround(doc2.resolve(caretIn(doc2, 'to protect;')))?.id).toBe('');
  });

  it('finds points by id in one walk, at every level, and leaves out ids the text does not have', () => {
    const doc = draft();
    const found = findPointsById(doc, new Set(['c3', 'c6', 'c2', 'gone']));
    expect([...found.keys()].sort()).toEqual(['c3', 'c6']);
    expect(doc.nodeAt(found.get('c6')!.pos)!.firstChild!.textContent).toBe('to civilians.');
    expect(findPointsById(doc, new Set()).size).toBe(0);
  });
});
