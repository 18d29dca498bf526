import { describe, expect, it } from 'vitest';
import type { EditingTrace } from './editingTrace';
import { acknowledgedTransactions, firstTransactionOver, peakCodePoints, planReplay } from './replayPlan';

/** Applies a plan's UTF-16 patches to its start text, as a Y.Text would. */
function applyPlan(plan: ReturnType<typeof planReplay>): string {
  let text = plan.startContent;
  for (const patches of plan.transactions) {
    for (const { index, deleteLength, insert } of patches) {
      text = text.slice(0, index) + insert + text.slice(index + deleteLength);
    }
  }
  return text;
}

describe('planReplay', () => {
  it('keeps positions as they are while the text has no character outside the BMP', () => {
    const trace: EditingTrace = {
      startContent: 'ab',
      endContent: 'aXYb!',
      txns: [{ patches: [[1, 0, 'XY']] }, { patches: [[4, 0, '!']] }],
    };
    const plan = planReplay(trace);
    expect(plan.transactions).toEqual([
      [{ index: 1, deleteLength: 0, insert: 'XY' }],
      [{ index: 4, deleteLength: 0, insert: '!' }],
    ]);
    expect(applyPlan(plan)).toBe('aXYb!');
  });

  it('converts code-point positions and lengths to UTF-16 around emoji', () => {
    // 😀 and 🎉 are one code point each and two UTF-16 units.
    const trace: EditingTrace = {
      startContent: '😀a',
      endContent: '😀🎉c',
      txns: [
        { patches: [[1, 0, '🎉b']] }, // after the first emoji: UTF-16 index 2
        { patches: [[2, 2, 'c']] }, // delete "ba" (code points 2–3), UTF-16 index 4
      ],
    };
    const plan = planReplay(trace);
    expect(plan.transactions).toEqual([
      [{ index: 2, deleteLength: 0, insert: '🎉b' }],
      [{ index: 4, deleteLength: 2, insert: 'c' }],
    ]);
    expect(applyPlan(plan)).toBe('😀🎉c');
    expect(Array.from(plan.codePointsAfter)).toEqual([4, 3]);
  });

  it('deletes a character outside the BMP as two UTF-16 units', () => {
    const trace: EditingTrace = { startContent: 'x😀y', endContent: 'xy', txns: [{ patches: [[1, 1, '']] }] };
    const plan = planReplay(trace);
    expect(plan.transactions).toEqual([[{ index: 1, deleteLength: 2, insert: '' }]]);
    expect(Array.from(plan.deletedAfter)).toEqual([2]);
  });

  it('applies the patches of one transaction in order, each against the text the previous left', () => {
    const trace: EditingTrace = {
      startContent: '',
      endContent: 'ca',
      txns: [
        {
          patches: [
            [0, 0, 'ab'],
            [1, 1, ''],
            [0, 0, 'c'],
          ],
        },
      ],
    };
    const plan = planReplay(trace);
    expect(applyPlan(plan)).toBe('ca');
    expect(plan.insertedAfter[0]).toBe(3);
    expect(plan.deletedAfter[0]).toBe(1);
  });

  it('plans only the first transactions when asked, and expects the text as it is then', () => {
    const trace: EditingTrace = {
      startContent: '',
      endContent: 'abc',
      txns: [{ patches: [[0, 0, 'a']] }, { patches: [[1, 0, 'b']] }, { patches: [[2, 0, 'c']] }],
    };
    const plan = planReplay(trace, 2);
    expect(plan.transactions).toHaveLength(2);
    expect(plan.expectedContent).toBe('ab');
    expect(plan.traceTransactions).toBe(3);
  });

  it('refuses a trace that does not end at its endContent, or reaches past its text', () => {
    expect(() => planReplay({ startContent: '', endContent: 'b', txns: [{ patches: [[0, 0, 'a']] }] })).toThrow(
      /does not end at its endContent/,
    );
    expect(() => planReplay({ startContent: 'a', endContent: '', txns: [{ patches: [[0, 2, '']] }] })).toThrow(
      /reaches code point 2 of a text of 1/,
    );
  });

  it('finds the peak length and the first transaction past a limit', () => {
    const trace: EditingTrace = {
      startContent: '',
      endContent: 'ab',
      txns: [{ patches: [[0, 0, 'abcd']] }, { patches: [[2, 2, '']] }],
    };
    const plan = planReplay(trace);
    expect(peakCodePoints(plan)).toBe(4);
    expect(firstTransactionOver(plan, 3)).toBe(0);
    expect(firstTransactionOver(plan, 4)).toBeUndefined();
  });
});

describe('acknowledgedTransactions', () => {
  // Insert "abc" (3 in), delete one (1 out), a transaction that changes nothing, insert "d".
  const plan = planReplay({
    startContent: '',
    endContent: 'bcd',
    txns: [{ patches: [[0, 0, 'abc']] }, { patches: [[0, 1, '']] }, { patches: [] }, { patches: [[2, 0, 'd']] }],
  });

  it('counts the transactions a copy has taken in from its inserted and deleted totals', () => {
    expect(acknowledgedTransactions(plan, 0, 0)).toBe(0);
    expect(acknowledgedTransactions(plan, 3, 0)).toBe(1);
    // A delete-only transaction changes no clock, only the deleted total; the empty one comes with it.
    expect(acknowledgedTransactions(plan, 3, 1)).toBe(3);
    expect(acknowledgedTransactions(plan, 4, 1)).toBe(4);
  });
});
