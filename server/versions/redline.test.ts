import { describe, expect, it } from 'vitest';
import type { DraftSpec } from '../../shared/draftText';
import { readOutline } from '../../shared/outline';
import type { BlockRedline } from '../../shared/redline';
import { taggedDraft } from '../testing/taggedDraft';
import type { ComparedText } from './redline';
import { compareTexts } from './redline';

/** A text to compare from a spec with its ids named in its words (see `taggedDraft`). */
function text(spec: DraftSpec): ComparedText {
  const document = taggedDraft(spec);
  return { document, outline: readOutline(document) };
}

/** The blocks of a clause's redline in one line each: change, moved, labels and the words changed. */
function blocks(redline: ReturnType<typeof compareTexts>, id: string): string[] {
  const clause = redline.clauses.find((c) => c.id === id)!;
  return clause.blocks.map((block: BlockRedline) => {
    const words = block.words
      .filter((w) => w.op !== 'equal')
      .map((w) => `${w.op === 'insert' ? '+' : '-'}${w.text}`)
      .join(' ');
    const labels = block.kind === 'point' ? `${block.fromLabel ?? '·'}→${block.toLabel ?? '·'} ` : '';
    return `${block.level} ${labels}${block.change}${block.moved ? ' moved' : ''}${words ? ` ${words}` : ''}`;
  });
}

const base: DraftSpec = {
  title: 'Norms',
  formula: 'The General Assembly,',
  preamble: ['[pp1] Recalling its resolution 70/237^[A/70/174.],'],
  operative: [
    { division: 'part', title: '[d1] Norms' },
    {
      text: '[op1] Calls upon Member States:',
      points: [
        '[a] to protect essential services;',
        {
          text: '[b] to take into account:',
          points: [
            '[b1] the harm caused;',
            {
              text: '[b2] the risk of escalation, in particular:',
              points: ['[b2A] to civilians;', '[b2B] to others;'],
            },
          ],
        },
        '[c] to report on their measures.',
      ],
    },
    { division: 'section', title: '[d2] Review' },
    '[op2] Requests a report.',
  ],
  annexes: [{ title: '[x1] Voluntary measures', clauses: ['[a1] States may share information.'] }],
};

describe('compareTexts', () => {
  it('finds nothing between a text and itself', () => {
    const redline = compareTexts(text(base), text(base));
    expect(redline.summary).toMatchObject({ modified: 0, added: 0, removed: 0, moved: 0 });
    expect(redline.formula).toEqual({ change: 'unchanged', words: [{ op: 'equal', text: 'The General Assembly,' }] });
    expect(redline.headings.map((h) => [h.id, h.change, h.toNumber, h.before])).toEqual([
      ['d1', 'unchanged', 'Part I', 'op1'],
      ['d2', 'unchanged', 'Section A', 'op2'],
      ['x1', 'unchanged', 'Annex', 'a1'],
    ]);
    expect(blocks(redline, 'op1')).toEqual([
      '0 unchanged',
      '1 (a)→(a) unchanged',
      '1 (b)→(b) unchanged',
      '2 (i)→(i) unchanged',
      '2 (ii)→(ii) unchanged',
      '3 (A)→(A) unchanged',
      '3 (B)→(B) unchanged',
      '1 (c)→(c) unchanged',
    ]);
  });

  it('aligns points by id at every level: inserted, deleted, changed and moved, each with its own labels', () => {
    const changed: DraftSpec = {
      ...base,
      operative: [
        { division: 'part', title: '[d1] Norms' },
        {
          text: '[op1] Calls upon Member States:',
          points: [
            // (a) deleted; (c) moved before (b); a new (i) under (b); (b)(ii)(A) changed; (B) deleted; a new (C).
            '[c] to report on their measures.',
            {
              text: '[b] to take into account:',
              points: [
                '[n1] the intent;',
                '[b1] the harm caused;',
                {
                  text: '[b2] the risk of escalation, in particular:',
                  points: ['[b2A] to civilians and civilian objects;', '[n2] to third States;'],
                },
              ],
            },
          ],
        },
        { division: 'section', title: '[d2] Review' },
        '[op2] Requests a report.',
      ],
    };
    const redline = compareTexts(text(base), text(changed));
    expect(redline.clauses.find((c) => c.id === 'op1')).toMatchObject({ change: 'modified', moved: false });
    expect(blocks(redline, 'op1')).toEqual([
      '0 unchanged',
      // Removed points stand where they stood: (a) before everything that followed it.
      '1 (a)→· removed -to protect essential services;',
      '1 (c)→(a) unchanged moved',
      '1 (b)→(b) unchanged',
      '2 ·→(i) added +the intent;',
      '2 (i)→(ii) unchanged',
      '2 (ii)→(iii) unchanged',
      '3 (A)→(A) modified + and civilian objects',
      '3 (B)→· removed -to others;',
      '3 ·→(B) added +to third States;',
    ]);
    const inserted = redline.clauses.find((c) => c.id === 'op1')!.blocks.find((b) => b.id === 'n1')!;
    expect([inserted.fromReference, inserted.toReference]).toEqual([null, 'OP1(b)(i)']);
    // The whole clause as one text: labels as they changed, whole points inserted or deleted with their line.
    const words = redline.clauses.find((c) => c.id === 'op1')!.words;
    expect(words.filter((w) => w.op === 'delete').map((w) => w.text)).toContain('\n(a) to protect essential services;');
    expect(words.filter((w) => w.op === 'insert').map((w) => w.text)).toContain('\n(i) the intent;');
  });

  it('notes a point moved to another level, and keeps its words', () => {
    const outdented: DraftSpec = {
      ...base,
      operative: [
        {
          text: '[op1] Calls upon Member States:',
          points: [
            '[a] to protect essential services;',
            { text: '[b] to take into account:', points: ['[b1] the harm caused;'] },
            '[b2] the risk of escalation, in particular:',
            '[c] to report on their measures.',
          ],
        },
        '[op2] Requests a report.',
      ],
    };
    const block = compareTexts(text(base), text(outdented))
      .clauses.find((c) => c.id === 'op1')!
      .blocks.find((b) => b.id === 'b2')!;
    expect(block).toMatchObject({
      change: 'unchanged',
      moved: true,
      level: 1,
      fromReference: 'OP1(b)(ii)',
      toReference: 'OP1(c)',
    });
  });

  it('compares points saved without ids by position and words', () => {
    // The older text was saved before points had ids; the newer one has them (given on load).
    const old = text({
      title: 'Norms',
      preamble: ['[pp1] Recalling,'],
      operative: [
        {
          text: '[op1] States should:',
          points: ['[] protect hospitals;', { text: '[] share evidence:', points: ['[] promptly;'] }, '[] report.'],
        },
      ],
    });
    const now = text({
      title: 'Norms',
      preamble: ['[pp1] Recalling,'],
      operative: [
        {
          text: '[op1] States should:',
          points: [
            '[x1] protect hospitals;',
            '[x4] cooperate;',
            { text: '[x2] share all evidence:', points: ['[x3] promptly;'] },
            '[x5] report annually.',
          ],
        },
      ],
    });
    expect(blocks(compareTexts(old, now), 'op1')).toEqual([
      '0 unchanged',
      '1 (a)→(a) unchanged',
      '1 ·→(b) added +cooperate;',
      '1 (b)→(c) modified +all ',
      '2 (i)→(i) unchanged',
      '1 (c)→(d) modified + annually',
    ]);
    // Two points that both have ids, different ones, are never the same point.
    const renamed = text({
      title: 'Norms',
      preamble: ['[pp1] Recalling,'],
      operative: [{ text: '[op1] States should:', points: ['[y1] protect hospitals;'] }],
    });
    const first = text({
      title: 'Norms',
      preamble: ['[pp1] Recalling,'],
      operative: [{ text: '[op1] States should:', points: ['[x1] protect hospitals;'] }],
    });
    expect(blocks(compareTexts(first, renamed), 'op1')).toEqual([
      '0 unchanged',
      '1 (a)→· removed -protect hospitals;',
      '1 ·→(a) added +protect hospitals;',
    ]);
  });

  it('compares divisions and annexes by id (added, removed, retitled), the formula, and footnotes as words', () => {
    const changed = text({
      title: 'Norms',
      formula: 'The Human Rights Council,',
      preamble: ['[pp1] Recalling its resolution 70/237^[A/76/135.],'],
      operative: [
        { division: 'part', title: '[d1] Norms of conduct' },
        { division: 'part', title: '[d3] Cooperation' },
        '[op1] Calls upon Member States to act.',
        '[op2] Requests a report.',
      ],
      annexes: [
        { title: '[x2] Model reporting form', clauses: ['[a2] Name of the State:'] },
        { title: '[x1] Voluntary measures', clauses: ['[a1] States may share information.'] },
      ],
    });
    const redline = compareTexts(text(base), changed);
    expect(redline.formula!.change).toBe('modified');
    const side = (hidden: 'insert' | 'delete') =>
      redline
        .formula!.words.filter((w) => w.op !== hidden)
        .map((w) => w.text)
        .join('');
    expect([side('insert'), side('delete')]).toEqual(['The General Assembly,', 'The Human Rights Council,']);
    expect(redline.headings.map((h) => [h.id, h.kind, h.change, h.fromNumber, h.toNumber, h.before])).toEqual([
      ['d1', 'part', 'modified', 'Part I', 'Part I', 'op1'],
      ['d3', 'part', 'added', null, 'Part II', 'op1'],
      ['d2', 'section', 'removed', 'Section A', null, 'op2'],
      ['x2', 'annex', 'added', null, 'Annex I', 'a2'],
      ['x1', 'annex', 'unchanged', 'Annex', 'Annex II', 'a1'],
    ]);
    expect(redline.headings[0]!.words.filter((w) => w.op === 'insert')).toEqual([
      { op: 'insert', text: ' of conduct' },
    ]);
    // A changed note is a change in the words it stands in.
    expect(redline.clauses.find((c) => c.id === 'pp1')!.words.filter((w) => w.op !== 'equal')).toEqual([
      { op: 'delete', text: '70' },
      { op: 'insert', text: '76' },
      { op: 'delete', text: '174' },
      { op: 'insert', text: '135' },
    ]);
    // The annex paragraph renumbered by the annex before it is unchanged, not moved.
    expect(redline.clauses.find((c) => c.id === 'a1')).toMatchObject({
      change: 'unchanged',
      moved: false,
      fromNumber: 'A1.1',
      toNumber: 'A2.1',
    });
    expect(redline.clauses.find((c) => c.id === 'a2')).toMatchObject({ change: 'added', kind: 'annex' });
  });
});
