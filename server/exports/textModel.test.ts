import { describe, expect, it } from 'vitest';
import { snapshotFromSpec } from './testing/snapshotFromSpec';
import { STRUCTURED_DRAFT } from './testing/structuredDraft';
import { clausesOf, divisionHeading, exportText } from './textModel';

describe('exportText', () => {
  const snapshot = snapshotFromSpec(STRUCTURED_DRAFT);
  const text = exportText(snapshot);

  it('carries the formula, the headings and clauses in order, and the annexes, with the numbers of the outline', () => {
    expect(text.formula).toBe('The General Assembly,');
    expect(
      text.operativeEntries.map((entry) =>
        entry.kind === 'clause' ? entry.clause.number : divisionHeading(entry.division),
      ),
    ).toEqual([
      'Part I — General provisions',
      'OP1',
      'Section A — Civilian protection',
      'OP2',
      'Part II — Review',
      'OP3',
    ]);
    expect(text.operative.map((clause) => clause.number)).toEqual(['OP1', 'OP2', 'OP3']);
    expect(
      text.annexes.map((annex) => [annex.label, annex.title, clausesOf(annex.entries).map((c) => c.number)]),
    ).toEqual([['Annex', 'Indicative list of essential services', ['A1.1', 'A1.2']]]);
    const clauses = [...text.preamble, ...text.operative, ...text.annexes.flatMap((annex) => clausesOf(annex.entries))];
    expect(clauses.map((clause) => clause.id)).toEqual(snapshot.outline.clauses.map((clause) => clause.id));
  });

  it('gives each point its level, label, reference and id from the outline, in document order', () => {
    const outlinePoints = snapshot.outline.clauses.flatMap((clause) => clause.points);
    const blocks = [
      ...text.preamble,
      ...text.operative,
      ...text.annexes.flatMap((annex) => clausesOf(annex.entries)),
    ].flatMap((clause) => clause.blocks.filter((block) => block.level > 0));
    expect(blocks.map((block) => [block.id, block.level, block.letter, block.reference])).toEqual(
      outlinePoints.map((point) => [point.id, point.level, point.label, point.reference]),
    );
    expect(blocks.map((block) => block.reference)).toContain('OP2(b)(ii)(A)');
  });

  it('keeps each footnote where it stands, numbered across the draft as the outline numbers them', () => {
    const [op2] = text.operative.slice(1);
    expect(op2!.blocks[0]!.content).toEqual([
      { kind: 'text', text: 'Calls upon Member States' },
      { kind: 'footnote', number: 2 },
      { kind: 'text', text: ' to observe the following norms:' },
    ]);
    expect(op2!.blocks[0]!.text).toBe('Calls upon Member States to observe the following norms:');
    expect(text.footnotes).toEqual(
      snapshot.outline.footnotes.map(({ number, note, reference }) => ({ number, note, reference })),
    );
    expect(text.footnotes.map((note) => note.reference)).toEqual(['PP1', 'OP2', 'OP2(b)(ii)(A)']);
  });
});
