import { describe, expect, it } from 'vitest';
import type { ImportedBlock, ImportedClause, ImportedDivision, ImportPreview } from '../api/importsApi';
import {
  FORMULA_KEY,
  editablePreview,
  importSpec,
  keptCounts,
  keptPreview,
  moveAcrossBoundary,
  previewAnnexes,
  previewRows,
  toggleExcluded,
} from './editablePreview';

function clause(text: string, number: string, blocks: ImportedBlock[] = []): ImportedClause {
  return { type: 'clause', number, sourceNumber: null, text, blocks, pillars: [], kindFrom: 'wording' };
}

function division(level: 'part' | 'section', text: string, number: string): ImportedDivision {
  return { type: 'division', level, number, sourceNumber: null, text };
}

function point(level: number, label: string, text: string, sourceLabel: string | null = null): ImportedBlock {
  return { level, label, sourceLabel, text };
}

const preview: ImportPreview = {
  title: 'Norms',
  pillars: [],
  formula: 'The General Assembly,',
  preamble: [clause('Recalling A,', 'PP1'), clause('Noting B,^[A/RES/1.]', 'PP2')],
  operative: [
    clause('Decides C;', 'OP1'),
    division('part', 'General', 'Part I'),
    clause('Requests D:', 'OP2', [
      point(1, '(a)', 'first:'),
      point(2, '(i)', 'deeper;^[Note.]'),
      point(1, '(b)', 'second.'),
    ]),
    division('section', 'Details', 'Section A'),
    clause('Invites E;', 'OP3'),
  ],
  annexes: [
    {
      label: 'Annex I',
      sourceLabel: null,
      title: 'Rules',
      entries: [clause('Rule one.', 'A1.1'), clause('Rule two.', 'A1.2')],
    },
    { label: 'Annex II', sourceLabel: null, title: 'Forms', entries: [clause('Form.', 'A2.1')] },
  ],
  warnings: [],
};

const numbers = (p: ReturnType<typeof editablePreview>) => previewRows(p).map((row) => row.number);

describe('correcting an import preview', () => {
  it('numbers the clauses and headings as the server did until something is changed', () => {
    expect(previewRows(editablePreview(preview)).map((row) => [row.number, row.movable])).toEqual([
      ['PP1', false],
      ['PP2', true],
      ['OP1', true],
      ['Part I', false],
      ['OP2', false],
      ['Section A', false],
      ['OP3', false],
    ]);
    expect(
      previewAnnexes(editablePreview(preview)).map((annex) => [annex.label, annex.rows.map((row) => row.number)]),
    ).toEqual([
      ['Annex I', ['A1.1', 'A1.2']],
      ['Annex II', ['A2.1']],
    ]);
    // Footnotes count on across the draft: PP2 holds the first, OP2's point the second.
    expect(previewRows(editablePreview(preview)).map((row) => row.firstNote)).toEqual([1, 1, 2, 2, 2, 3, 3]);
  });

  it('moves the clause next to the boundary into the other section and renumbers both', () => {
    const moved = moveAcrossBoundary(editablePreview(preview), 2);
    expect(numbers(moved)).toEqual(['PP1', 'PP2', 'PP3', 'Part I', 'OP1', 'Section A', 'OP2']);
    expect(importSpec(moved).preamble.map((c) => (typeof c === 'string' ? c : c.text))).toEqual([
      'Recalling A,',
      'Noting B,^[A/RES/1.]',
      'Decides C;',
    ]);
    // A heading cannot become preambular, and a clause away from the boundary cannot jump over others.
    expect(moveAcrossBoundary(moved, 3)).toEqual(moved);
    expect(moveAcrossBoundary(editablePreview(preview), 0)).toEqual(editablePreview(preview));
    expect(numbers(moveAcrossBoundary(editablePreview(preview), 1))).toEqual([
      'PP1',
      'OP1',
      'OP2',
      'Part I',
      'OP3',
      'Section A',
      'OP4',
    ]);
  });

  it('leaves a clause, a heading, an annex paragraph or the formula out, renumbers the rest, and can take each back', () => {
    let without = toggleExcluded(editablePreview(preview), 'm0');
    without = toggleExcluded(without, 'm3');
    without = toggleExcluded(without, 'a0.0');
    without = toggleExcluded(without, FORMULA_KEY);
    expect(numbers(without)).toEqual([null, 'PP1', 'OP1', null, 'OP2', 'Section A', 'OP3']);
    expect(previewAnnexes(without)[0]!.rows.map((row) => row.number)).toEqual([null, 'A1.1']);
    expect(keptCounts(without)).toEqual({ preambular: 1, operative: 3, annex: 2 });
    expect(importSpec({ ...without, title: '  Renamed  ' })).toEqual({
      title: 'Renamed',
      preamble: [{ text: 'Noting B,^[A/RES/1.]', blocks: [], pillars: [] }],
      operative: [
        { text: 'Decides C;', blocks: [], pillars: [] },
        {
          text: 'Requests D:',
          blocks: [{ text: 'first:', points: [{ text: 'deeper;^[Note.]' }] }, { text: 'second.' }],
          pillars: [],
        },
        { division: 'section', title: 'Details' },
        { text: 'Invites E;', blocks: [], pillars: [] },
      ],
      annexes: [
        { title: 'Rules', clauses: [{ text: 'Rule two.', blocks: [], pillars: [] }] },
        { title: 'Forms', clauses: [{ text: 'Form.', blocks: [], pillars: [] }] },
      ],
      pillars: [],
    });
    const back = ['m0', 'm3', 'a0.0', FORMULA_KEY].reduce(toggleExcluded, without);
    expect(keptPreview(back)).toEqual({ ...preview, warnings: [] });
  });

  it('sends the pillars as the person left them, and a clause keeps only the tags of those still there', () => {
    const tagged: ImportPreview = {
      ...preview,
      preamble: [{ ...clause('Recalling A,', 'PP1'), pillars: ['cables', 'repair'] }],
      operative: [{ ...clause('Decides C;', 'OP1'), pillars: ['repair'] }],
      annexes: [],
      pillars: [
        { key: 'cables', label: 'Cables', short: 'CAB', description: '', color: '#0B6FB8' },
        { key: 'repair', label: 'Repair', short: 'REP', description: '', color: '#C77700' },
      ],
    };
    const edited = editablePreview(tagged);
    // "Repair" removed, "Cables" renamed, a new pillar added.
    const pillars = [
      { ...edited.pillars[0]!, label: 'Cable protection' },
      { id: 'new', label: 'Monitoring', short: '', description: '', color: '#00875A' },
    ];
    const spec = importSpec({ ...edited, pillars });
    expect(spec.preamble).toEqual([{ text: 'Recalling A,', blocks: [], pillars: ['cables'] }]);
    expect(spec.operative).toEqual([{ text: 'Decides C;', blocks: [], pillars: [] }]);
    expect(spec.pillars).toEqual([
      { key: 'cables', label: 'Cable protection', short: 'CAB', description: '', color: '#0B6FB8' },
      { label: 'Monitoring', short: 'MON', description: '', color: '#00875A' },
    ]);
  });
});
