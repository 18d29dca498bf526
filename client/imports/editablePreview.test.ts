import { describe, expect, it } from 'vitest';
import type { ImportedClause, ImportPreview } from '../api/importsApi';
import {
  editablePreview,
  importSpec,
  keptCounts,
  moveAcrossBoundary,
  previewRows,
  toggleExcluded,
} from './editablePreview';

function clause(text: string, number: string): ImportedClause {
  return { number, sourceNumber: null, text, blocks: [], pillars: [], kindFrom: 'wording' };
}

const preview: ImportPreview = {
  title: 'Norms',
  preamble: [clause('Recalling A,', 'PP1'), clause('Noting B,', 'PP2')],
  operative: [clause('Decides C;', 'OP1'), clause('Requests D;', 'OP2')],
  warnings: [],
};

describe('correcting an import preview', () => {
  it('numbers the clauses as the server did until something is changed', () => {
    expect(previewRows(editablePreview(preview)).map((row) => [row.number, row.movable])).toEqual([
      ['PP1', false],
      ['PP2', true],
      ['OP1', true],
      ['OP2', false],
    ]);
  });

  it('moves the clause next to the boundary into the other section and renumbers both', () => {
    const moved = moveAcrossBoundary(editablePreview(preview), 2);
    expect(previewRows(moved).map((row) => row.number)).toEqual(['PP1', 'PP2', 'PP3', 'OP1']);
    expect(importSpec(moved).preamble.map((c) => c.text)).toEqual(['Recalling A,', 'Noting B,', 'Decides C;']);
    // A clause away from the boundary cannot jump over others.
    expect(moveAcrossBoundary(editablePreview(preview), 0)).toEqual(editablePreview(preview));
  });

  it('leaves a clause out, renumbers the rest, and can take it back', () => {
    const without = toggleExcluded(editablePreview(preview), 0);
    expect(previewRows(without).map((row) => row.number)).toEqual([null, 'PP1', 'OP1', 'OP2']);
    expect(keptCounts(without)).toEqual({ preambular: 1, operative: 2 });
    expect(importSpec({ ...without, title: '  Renamed  ' })).toEqual({
      title: 'Renamed',
      preamble: [{ text: 'Noting B,', blocks: [], pillars: [] }],
      operative: [
        { text: 'Decides C;', blocks: [], pillars: [] },
        { text: 'Requests D;', blocks: [], pillars: [] },
      ],
    });
    expect(previewRows(toggleExcluded(without, 0)).map((row) => row.number)).toEqual(['PP1', 'PP2', 'OP1', 'OP2']);
  });
});
