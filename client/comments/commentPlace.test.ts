import { describe, expect, it } from 'vitest';
import { draftFromSpec } from '../../shared/draftText';
import { readOutline } from '../../shared/outline';
import { livePlace, textPlaces } from './commentPlace';

let next = 0;
const outline = readOutline(
  draftFromSpec(
    {
      title: 'Places',
      preamble: ['Recalling,'],
      operative: [
        {
          text: 'Calls upon States:',
          points: ['to protect;', { text: 'to consider:', points: ['the harm;', 'the risk.'] }],
        },
        'Decides to remain seized.',
      ],
    },
    () => `c${++next}`,
  ),
);
// PP1 c1; OP1 c2 with (a) c3, (b) c4, (b)(i) c5, (b)(ii) c6; OP2 c7.
const places = textPlaces(outline);

describe('where a comment is in the live text', () => {
  it('names a point by its reference and a clause or a span by the clause’s number', () => {
    expect(livePlace({ clauseId: 'c2', pointId: 'c6' }, places)).toBe('OP1(b)(ii)');
    expect(livePlace({ clauseId: 'c2', pointId: 'c3' }, places)).toBe('OP1(a)');
    expect(livePlace({ clauseId: 'c7' }, places)).toBe('OP2');
    expect(livePlace({ clauseId: 'c2', from: 'AA==', to: 'AA==', quote: 'States' }, places)).toBe('OP1');
  });

  it('follows a point into another clause before the server re-anchors it, and falls back to the clause when it is gone', () => {
    expect(livePlace({ clauseId: 'c7', pointId: 'c5' }, places)).toBe('OP1(b)(i)');
    expect(livePlace({ clauseId: 'c7', pointId: 'gone' }, places)).toBe('OP2');
    expect(livePlace({ clauseId: 'gone', pointId: 'gone' }, places)).toBeNull();
  });
});
