import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from './documentJSON';
import { draftFromSpec } from './draftText';
import type { Outline } from './outline';
import { readOutline } from './outline';

let counter = 0;
const ids = (): string => `id${++counter}`;

const text = (words: string): DocumentNodeJSON[] => [{ type: 'text', text: words }];
const paragraph = (words: string): DocumentNodeJSON => ({ type: 'paragraph', content: text(words) });
const point = (id: string | null, words: string, points: DocumentNodeJSON[] = []): DocumentNodeJSON => ({
  type: 'subparagraph',
  attrs: { id },
  content: [paragraph(words), ...points],
});
const clause = (id: string, content: DocumentNodeJSON[]): DocumentNodeJSON => ({
  type: 'clause',
  attrs: { id, pillars: [], status: 'open' },
  content,
});
const doc = (operative: DocumentNodeJSON[]): DocumentNodeJSON => ({
  type: 'doc',
  content: [
    { type: 'title', content: text('T') },
    { type: 'preamble', content: [clause('pp1', [paragraph('Recalling')])] },
    { type: 'operative', content: operative },
  ],
});

/** A resolution in the style of the General Assembly: formula, parts and sections, points three deep, footnotes, two annexes. */
function structured(): Outline {
  return readOutline(
    draftFromSpec(
      {
        title: 'Norms',
        formula: 'The General Assembly,',
        preamble: ['Recalling its resolution 70/237^[A/70/174.],'],
        operative: [
          { division: 'part', title: 'General' },
          {
            text: 'Calls upon Member States:',
            points: [
              'to protect;',
              {
                text: 'to take into account:',
                points: [
                  'harm^[See A/76/135.];',
                  { text: 'escalation, in particular:', points: ['first;', 'second;'] },
                ],
              },
              'to report.',
            ],
          },
          { division: 'section', title: 'Attribution' },
          'Decides to review.',
          { division: 'section', title: 'Response' },
          { division: 'part', title: 'Review' },
          { division: 'section', title: 'Periodic' },
          'Requests a report^[Annual.].',
        ],
        annexes: [
          { title: 'Voluntary measures', clauses: [{ division: 'part', title: 'Cooperation' }, 'Share.', 'Assist.'] },
          {
            title: 'Contacts',
            clauses: [{ division: 'part', title: 'Lists' }, { division: 'section', title: 'A' }, 'List.'],
          },
        ],
      },
      ids,
    ),
  );
}

describe('the outline of a structured draft', () => {
  it('reads the opening formula, and labels points (a), (i), (A) with references down to the third level', () => {
    const outline = structured();
    expect(outline.formula).toBe('The General Assembly,');
    const op1 = outline.clauses.find((c) => c.number === 'OP1')!;
    expect(op1.points.map((p) => [p.level, p.label, p.reference, p.text])).toEqual([
      [1, '(a)', 'OP1(a)', 'to protect;'],
      [1, '(b)', 'OP1(b)', 'to take into account:'],
      [2, '(i)', 'OP1(b)(i)', 'harm^[See A/76/135.];'],
      [2, '(ii)', 'OP1(b)(ii)', 'escalation, in particular:'],
      [3, '(A)', 'OP1(b)(ii)(A)', 'first;'],
      [3, '(B)', 'OP1(b)(ii)(B)', 'second;'],
      [1, '(c)', 'OP1(c)', 'to report.'],
    ]);
    expect(op1.subparagraphs).toBe(3);
    expect(op1.text.split('\n')).toEqual([
      'Calls upon Member States:',
      '(a) to protect;',
      '(b) to take into account:',
      '(i) harm^[See A/76/135.];',
      '(ii) escalation, in particular:',
      '(A) first;',
      '(B) second;',
      '(c) to report.',
    ]);
    expect(new Set(op1.points.map((p) => p.id)).size).toBe(7);
    expect(outline.problems).toEqual([]);
  });

  it('counts points among their siblings: a paragraph between points does not restart (a)', () => {
    const outline = readOutline(
      doc([clause('op1', [paragraph('Opening'), point('p1', 'one'), paragraph('Between'), point('p2', 'two')])]),
    );
    expect(outline.clauses[1]!.points.map((p) => p.reference)).toEqual(['OP1(a)', 'OP1(b)']);
    expect(outline.clauses[1]!.text).toBe('Opening\n(a) one\nBetween\n(b) two');
  });

  it('numbers parts per container and sections per part, and places each clause under its innermost division', () => {
    const outline = structured();
    expect(outline.divisions.map((d) => [d.number, d.title, d.annexId !== undefined])).toEqual([
      ['Part I', 'General', false],
      ['Section A', 'Attribution', false],
      ['Section B', 'Response', false],
      ['Part II', 'Review', false],
      ['Section A', 'Periodic', false],
      ['Part I', 'Cooperation', true],
      ['Part I', 'Lists', true],
      ['Section A', 'A', true],
    ]);
    const division = (number: string) => outline.clauses.find((c) => c.number === number)!.divisionId;
    const idOf = (index: number) => outline.divisions[index]!.id;
    expect([division('OP1'), division('OP2'), division('OP3')]).toEqual([idOf(0), idOf(1), idOf(4)]);
    expect(division('PP1')).toBeUndefined();
  });

  it('labels annexes and numbers their paragraphs A1.1, A2.1 …, after the operative numbering, which runs on across divisions', () => {
    const outline = structured();
    expect(outline.annexes.map((a) => [a.label, a.title])).toEqual([
      ['Annex I', 'Voluntary measures'],
      ['Annex II', 'Contacts'],
    ]);
    expect(outline.clauses.map((c) => [c.number, c.kind])).toEqual([
      ['PP1', 'preambular'],
      ['OP1', 'operative'],
      ['OP2', 'operative'],
      ['OP3', 'operative'],
      ['A1.1', 'annex'],
      ['A1.2', 'annex'],
      ['A2.1', 'annex'],
    ]);
    const annexOf = (number: string) => outline.clauses.find((c) => c.number === number)!.annexId;
    expect(annexOf('A1.2')).toBe(outline.annexes[0]!.id);
    expect(annexOf('A2.1')).toBe(outline.annexes[1]!.id);
    expect(annexOf('OP3')).toBeUndefined();
    const single = readOutline(
      draftFromSpec(
        { title: 'T', preamble: ['P'], operative: ['O'], annexes: [{ title: 'Only', clauses: ['x'] }] },
        ids,
      ),
    );
    expect(single.annexes.map((a) => a.label)).toEqual(['Annex']);
  });

  it('numbers footnotes across the whole draft, each with the clause or point it stands in', () => {
    const outline = structured();
    const pp1 = outline.clauses[0]!.id;
    const op1 = outline.clauses[1]!.id;
    const op3 = outline.clauses[3]!.id;
    expect(outline.footnotes).toEqual([
      { number: 1, note: 'A/70/174.', clauseId: pp1, reference: 'PP1' },
      { number: 2, note: 'See A/76/135.', clauseId: op1, reference: 'OP1(b)(i)' },
      { number: 3, note: 'Annual.', clauseId: op3, reference: 'OP3' },
    ]);
  });

  it('reports a point nested too deep, a point without an id and a point whose id is a clause’s, and still reads them', () => {
    const outline = readOutline(
      doc([
        clause('op1', [
          paragraph('Deep:'),
          point('p1', 'one', [point('p2', 'two', [point('p3', 'three', [point('p4', 'four')])])]),
        ]),
        clause('op2', [paragraph('Plain:'), point(null, 'no id'), point('op1', 'taken')]),
      ]),
    );
    expect(outline.clauses[1]!.points.map((p) => [p.level, p.reference])).toEqual([
      [1, 'OP1(a)'],
      [2, 'OP1(a)(i)'],
      [3, 'OP1(a)(i)(A)'],
      [4, 'OP1(a)(i)(A)(A)'],
    ]);
    expect(outline.clauses.map((c) => c.problems ?? [])).toEqual([
      [],
      ['point-too-deep'],
      ['point-without-id', 'duplicate-clause-id'],
    ]);
    expect(outline.problems.map((p) => [p.code, p.message])).toEqual([
      ['point-too-deep', 'OP1(a)(i)(A)(A) is nested 4 levels deep; points go 3 deep.'],
      ['point-without-id', 'OP2(a) has no id.'],
      ['duplicate-clause-id', 'OP2(b) has the same id as an earlier clause or point (op1).'],
    ]);
    expect(outline.clauses[2]!.points.map((p) => p.id)).toEqual(['', 'op1']);
  });
});
