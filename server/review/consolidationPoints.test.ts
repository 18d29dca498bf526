import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { ClauseSpec, DraftSpec } from '../../shared/draftText';
import { readOutline } from '../../shared/outline';
import { taggedDraft } from '../testing/taggedDraft';
import type { AdoptedChange } from './consolidation';
import { planConsolidation } from './consolidation';

/** OP1 with points three levels deep, under a part; a plain OP2 under a section; an annex; a formula; a footnote. */
function spec(op1: ClauseSpec, annexText = '[an1] States may share information.'): DraftSpec {
  return {
    title: 'Norms',
    formula: 'The General Assembly,',
    preamble: ['[pp1] Recalling its resolution 70/237^[A/70/174.],'],
    operative: [
      { division: 'part', title: '[d1] Norms' },
      op1,
      { division: 'section', title: '[d2] Review' },
      '[op2] Requests a report.',
    ],
    annexes: [{ title: '[x1] Voluntary measures', clauses: [annexText] }],
  };
}

const OP1: ClauseSpec = {
  text: '[op1] Calls upon Member States:',
  points: [
    '[a] to protect essential services;',
    {
      text: '[b] to take into account:',
      points: [
        '[b1] the harm caused;',
        { text: '[b2] the risk of escalation, in particular:', points: ['[b2A] to civilians;'] },
      ],
    },
    '[c] to report on their measures.',
  ],
};

/** OP1 with some of its points replaced: each entry of `points` stands in for the point with that id. */
function op1With(change: (points: ClauseSpec['points']) => ClauseSpec['points']): ClauseSpec {
  return { ...OP1, points: change(structuredClone(OP1.points)) };
}

/** The clause with `id` of a document built from a spec, as an amendment proposes it. */
function clauseOf(document: DocumentNodeJSON, id: string): DocumentNodeJSON {
  for (const container of document.content ?? [])
    for (const node of container.content ?? []) if (node.type === 'clause' && node.attrs?.id === id) return node;
  throw new Error(`no clause ${id}`);
}

let count = 0;
function modify(label: string, op1: ClauseSpec): AdoptedChange {
  return {
    label,
    number: ++count,
    kind: 'modify',
    clauseId: 'op1',
    clause: clauseOf(taggedDraft(spec(op1)), 'op1'),
    pillars: [],
  };
}

function lines(document: DocumentNodeJSON | null): string[] {
  return readOutline(document!).clauses.flatMap((clause) => `${clause.number} ${clause.text}`.split('\n'));
}

const ids = () => {
  let n = 0;
  return () => `new${++n}`;
};

const base = taggedDraft(spec(OP1));

describe('consolidation, point by point', () => {
  it('applies amendments to different points of one clause together with the live changes to another', () => {
    const live = taggedDraft(
      spec(op1With((points) => ['[a] to protect all essential services;', ...points!.slice(1)])),
    );
    const adopted = [
      // A-1 changes words of OP1(b)(ii); A-2 adds (iii) under OP1(b); A-3 deletes OP1(c).
      modify(
        'A-1',
        op1With(() => [
          '[a] to protect essential services;',
          {
            text: '[b] to take into account:',
            points: [
              '[b1] the harm caused;',
              {
                text: '[b2] the risk of escalation and of spill-over, in particular:',
                points: ['[b2A] to civilians;'],
              },
            ],
          },
          '[c] to report on their measures.',
        ]),
      ),
      modify(
        'A-2',
        op1With(() => [
          '[a] to protect essential services;',
          {
            text: '[b] to take into account:',
            points: [
              '[b1] the harm caused;',
              { text: '[b2] the risk of escalation, in particular:', points: ['[b2A] to civilians;'] },
              '[nb3] the duration of the effects;',
            ],
          },
          '[c] to report on their measures.',
        ]),
      ),
      modify(
        'A-3',
        op1With((points) => points!.slice(0, 2)),
      ),
    ];
    const result = planConsolidation({ base, start: live, adopted, resolutions: new Map(), newClauseId: ids() });
    expect(result.conflicts).toEqual([]);
    expect(lines(result.document).slice(1, 8)).toEqual([
      'OP1 Calls upon Member States:',
      '(a) to protect all essential services;',
      '(b) to take into account:',
      '(i) the harm caused;',
      '(ii) the risk of escalation and of spill-over, in particular:',
      '(A) to civilians;',
      '(iii) the duration of the effects;',
    ]);
    expect(lines(result.document)[8]).toBe('OP2 Requests a report.');
    // Points keep their ids; the new one keeps the id it was proposed with.
    expect(readOutline(result.document!).clauses[1]!.points.map((p) => p.id)).toEqual([
      'a',
      'b',
      'b1',
      'b2',
      'b2A',
      'nb3',
    ]);
    expect(result.preview.find((p) => p.id === 'op1')).toMatchObject({
      change: 'modified',
      amendments: ['A-1', 'A-2', 'A-3'],
    });
  });

  it('keeps the divisions, annexes, formula and footnotes, and applies amendments in an annex and after clauses under a division', () => {
    const adopted: AdoptedChange[] = [
      {
        label: 'A-1',
        number: 1,
        kind: 'modify',
        clauseId: 'an1',
        clause: clauseOf(taggedDraft(spec(OP1, '[an1] States may share information^[See A/76/135.].')), 'an1'),
        pillars: [],
      },
      {
        label: 'A-2',
        number: 2,
        kind: 'add',
        clauseId: 'an1',
        clause: clauseOf(taggedDraft(spec(OP1, '[an2] States may train together.')), 'an2'),
        pillars: [],
      },
      {
        label: 'A-3',
        number: 3,
        kind: 'add',
        clauseId: 'op1',
        clause: clauseOf(
          taggedDraft(spec({ text: '[n1] Encourages regional cooperation:', points: ['[a] through training.'] })),
          'n1',
        ),
        pillars: [],
      },
    ];
    const result = planConsolidation({ base, start: base, adopted, resolutions: new Map(), newClauseId: ids() });
    expect(result.conflicts).toEqual([]);
    const outline = readOutline(result.document!);
    expect(outline.formula).toBe('The General Assembly,');
    expect(outline.divisions.map((d) => [d.id, d.number, d.title])).toEqual([
      ['d1', 'Part I', 'Norms'],
      ['d2', 'Section A', 'Review'],
    ]);
    expect(outline.annexes.map((a) => [a.id, a.title])).toEqual([['x1', 'Voluntary measures']]);
    expect(outline.footnotes.map((f) => [f.note, f.reference])).toEqual([
      ['A/70/174.', 'PP1'],
      ['See A/76/135.', 'A1.1'],
    ]);
    // The clause added after OP1 stands under OP1's part, before the next section; its point
    // (proposed with an id the text already has) gets a fresh one.
    const added = outline.clauses.find((c) => c.text.startsWith('Encourages'))!;
    expect([added.number, added.divisionId]).toEqual(['OP2', 'd1']);
    expect(added.points[0]!.id).not.toBe('a');
    expect(outline.clauses.filter((c) => c.kind === 'annex').map((c) => `${c.number} ${c.text}`)).toEqual([
      'A1.1 States may share information^[See A/76/135.].',
      'A1.2 States may train together.',
    ]);
  });

  describe('conflicts, each named by its point', () => {
    const changeB1 = (words: string) =>
      op1With(() => [
        '[a] to protect essential services;',
        {
          text: '[b] to take into account:',
          points: [words, { text: '[b2] the risk of escalation, in particular:', points: ['[b2A] to civilians;'] }],
        },
        '[c] to report on their measures.',
      ]);

    it('two amendments changing the same words of a point', () => {
      const result = planConsolidation({
        base,
        start: base,
        adopted: [
          modify('A-1', changeB1('[b1] the direct harm caused;')),
          modify('A-2', changeB1('[b1] the likely harm caused;')),
        ],
        resolutions: new Map(),
      });
      expect(result.document).toBeNull();
      expect(result.conflicts).toEqual([
        expect.objectContaining({
          clauseId: 'op1',
          clauseNumber: 'OP1',
          point: { id: 'b1', reference: 'OP1(b)(i)' },
          reason: 'same-words',
          amendments: ['A-1', 'A-2'],
          message: 'A-1 and A-2 change the same words of OP1(b)(i).',
          covers: ['A-1', 'A-2'],
        }),
      ]);
    });

    it('one amendment deleting a point another changes, or adds points under', () => {
      const withoutB = op1With((points) => [points![0]!, points![2]!]);
      const changed = planConsolidation({
        base,
        start: base,
        adopted: [modify('A-1', withoutB), modify('A-2', changeB1('[b1] the direct harm caused;'))],
        resolutions: new Map(),
      });
      expect(changed.conflicts.map((c) => [c.reason, c.point?.reference, c.message])).toContainEqual([
        'point-deleted',
        'OP1(b)(i)',
        'A-1 deletes OP1(b)(i), which A-2 also changes.',
      ]);
      const underC = op1With((points) => [
        ...points!.slice(0, 2),
        { text: '[c] to report on their measures:', points: ['[c1] every year.'] },
      ]);
      const withoutC = op1With((points) => points!.slice(0, 2));
      const added = planConsolidation({
        base,
        start: base,
        adopted: [modify('A-1', withoutC), modify('A-2', underC)],
        resolutions: new Map(),
      });
      expect(added.conflicts.map((c) => c.reason)).toEqual(['point-deleted', 'point-deleted']);
      expect(added.conflicts[1]!.message).toBe('A-1 deletes OP1(c), after which A-2 puts points.');
    });

    it('two amendments putting different points at the same place, but not the same point twice', () => {
      const adding = (text: string) => op1With((points) => [...points!.slice(0, 2), text, points![2]!]);
      const clash = planConsolidation({
        base,
        start: base,
        adopted: [modify('A-1', adding('[n1] to cooperate;')), modify('A-2', adding('[n2] to consult;'))],
        resolutions: new Map(),
      });
      expect(clash.conflicts.map((c) => [c.reason, c.amendments, c.message])).toEqual([
        ['same-place', ['A-1', 'A-2'], 'A-1, A-2 put different points after OP1(b)(ii)(A).'],
      ]);
      const same = planConsolidation({
        base,
        start: base,
        adopted: [modify('A-1', adding('[n1] to cooperate;')), modify('A-2', adding('[n1] to cooperate;'))],
        resolutions: new Map(),
      });
      expect(same.conflicts).toEqual([]);
      expect(lines(same.document).filter((line) => line.includes('cooperate'))).toEqual(['(c) to cooperate;']);
    });

    it('an amendment to a point the live text changed or removed since the base version', () => {
      const liveChanged = taggedDraft(spec(changeB1('[b1] the direct harm caused;')));
      const changed = planConsolidation({
        base,
        start: liveChanged,
        adopted: [modify('A-1', changeB1('[b1] the likely harm caused;'))],
        resolutions: new Map(),
      });
      expect(changed.conflicts.map((c) => [c.reason, c.point?.reference, c.message])).toEqual([
        [
          'clause-changed-live',
          'OP1(b)(i)',
          'The words of OP1(b)(i) that A-1 changes have been changed in the live text since the base version.',
        ],
      ]);
      // Other words of the same point changed live merge.
      const merged = planConsolidation({
        base,
        start: liveChanged,
        adopted: [modify('A-1', changeB1('[b1] the harm caused or threatened;'))],
        resolutions: new Map(),
      });
      expect(merged.conflicts).toEqual([]);
      expect(lines(merged.document)).toContain('(i) the direct harm caused or threatened;');

      const liveRemoved = taggedDraft(
        spec(
          op1With(() => [
            '[a] to protect essential services;',
            {
              text: '[b] to take into account:',
              points: [{ text: '[b2] the risk of escalation, in particular:', points: ['[b2A] to civilians;'] }],
            },
            '[c] to report on their measures.',
          ]),
        ),
      );
      const removed = planConsolidation({
        base,
        start: liveRemoved,
        adopted: [modify('A-1', changeB1('[b1] the likely harm caused;'))],
        resolutions: new Map(),
      });
      expect(removed.conflicts.map((c) => [c.reason, c.point?.reference, c.message])).toEqual([
        [
          'clause-changed-live',
          'OP1(b)(i)',
          'OP1(b)(i) has been removed from the live text since the base version; A-1 changes it.',
        ],
      ]);
    });
  });
});
