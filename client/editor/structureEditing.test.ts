import type { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import type { DraftSpec } from '../../shared/draftText';
import { changes, outlineOf, run, stateFromSpec, withCaret } from '../testing/editorStates';
import { backspaceAtClauseStart, enterInClause, moveClause } from './clauseEditing';
import { buildClauseDecorations } from './ClauseNumbering';
import { divisionAround, forEachFootnote } from './findStructure';
import {
  addAnnex,
  addFormula,
  insertDivision,
  insertFootnote,
  removeAnnex,
  removeDivision,
  removeFootnote,
  removeFormula,
  setDivisionLevel,
  setFootnoteNote,
} from './structureEditing';

const spec: DraftSpec = {
  title: 'Structure',
  formula: 'The General Assembly,',
  preamble: ['Recalling its resolution 70/237,^[A/70/174.]'],
  operative: [
    { division: 'part', title: 'General' },
    { text: 'Calls upon States:', points: ['to warn;', { text: 'to cooperate:', points: ['in law;'] }] },
    { division: 'section', title: 'Cooperation' },
    'States should share.^[See also A/76/135.]',
  ],
  annexes: [
    { title: 'Voluntary measures', clauses: ['Measure one.', { division: 'part', title: 'Later' }, 'Measure two.'] },
  ],
};

const base = () => stateFromSpec(spec);

/** What the numbering decorations say, by kind, in document order. */
function decorated(state: EditorState) {
  const specs = buildClauseDecorations(state.doc, null)
    .find()
    .map((d) => d.spec as { number?: string; label?: string; division?: string; annex?: string; footnote?: number });
  return {
    clauses: specs.flatMap((s) => s.number ?? []),
    points: specs.flatMap((s) => s.label ?? []),
    divisions: specs.flatMap((s) => s.division ?? []),
    annexes: specs.flatMap((s) => s.annex ?? []),
    footnotes: specs.flatMap((s) => s.footnote ?? []),
  };
}

/** The same, as the outline (the server, every export) reads them. */
function expected(state: EditorState) {
  const outline = outlineOf(state);
  return {
    clauses: outline.clauses.map((c) => c.number),
    points: outline.clauses.flatMap((c) => c.points.map((p) => p.label)),
    divisions: outline.divisions.map((d) => d.number),
    annexes: outline.annexes.map((a) => a.label),
    footnotes: outline.footnotes.map((f) => f.number),
  };
}

describe('the structure around clauses in the editor', () => {
  it('numbers clauses, points, divisions, annexes and footnotes exactly as the outline does', () => {
    const state = base();
    expect(decorated(state)).toEqual(expected(state));
    expect(decorated(state)).toEqual({
      clauses: ['PP1', 'OP1', 'OP2', 'A1.1', 'A1.2'],
      points: ['(a)', '(b)', '(i)'],
      divisions: ['Part I', 'Section A', 'Part I'],
      annexes: ['Annex'],
      footnotes: [1, 2],
    });
  });

  it('inserts a heading before the clause with the caret, the caret in its title; numbers follow, clause numbers do not', () => {
    const state = run(withCaret(base(), 'States should share.'), (tr) => insertDivision(tr, 'part'));
    const division = divisionAround(state.selection.$from);
    expect(division).toMatchObject({ level: 'part', number: 'Part II' });
    expect(typeof division!.node.attrs.id).toBe('string');
    const outline = outlineOf(state);
    expect(outline.divisions.map((d) => d.number)).toEqual(['Part I', 'Section A', 'Part II', 'Part I']);
    expect(outline.clauses.map((c) => c.number)).toEqual(['PP1', 'OP1', 'OP2', 'A1.1', 'A1.2']);
    expect(outline.clauses[2]!.divisionId).toBe(division!.node.attrs.id);
    expect(decorated(state)).toEqual(expected(state));
    // Typing names it; Enter goes on to the clause.
    const named = state.apply(state.tr.insertText('Responses'));
    expect(outlineOf(named).divisions[2]!.title).toBe('Responses');
    const entered = run(named, enterInClause);
    // (A footnote's marker has no text of its own.)
    expect(entered.selection.$from.parent.textContent).toBe('States should share.');
    // No headings in the preamble.
    expect(insertDivision(withCaret(base(), 'Recalling').tr, 'part')).toBe(false);
  });

  it('changes a heading between part and section and removes it; its clauses stay', () => {
    const section = withCaret(base(), 'Cooperation');
    const part = run(section, (tr) => setDivisionLevel(tr, 'part'));
    expect(outlineOf(part).divisions.map((d) => d.number)).toEqual(['Part I', 'Part II', 'Part I']);
    expect(decorated(part)).toEqual(expected(part));
    const removed = run(section, (tr) => removeDivision(tr));
    const outline = outlineOf(removed);
    expect(outline.divisions.map((d) => d.title)).toEqual(['General', 'Later']);
    expect(outline.clauses[2]!.divisionId).toBe(outline.divisions[0]!.id);
    expect(outline.clauses).toHaveLength(5);
    // Backspace in an empty heading removes it too.
    const empty = run(withCaret(base(), 'Measure two.'), (tr) => insertDivision(tr, 'section'));
    expect(outlineOf(run(empty, backspaceAtClauseStart)).divisions).toHaveLength(3);
  });

  it('never joins a clause into a heading, and moves a clause past a heading into the next group', () => {
    const state = withCaret(base(), 'States should share.');
    expect(changes(state, backspaceAtClauseStart)).toBe(false);
    const moved = run(state, (tr) => moveClause(tr, 'up'));
    const outline = outlineOf(moved);
    expect(outline.clauses[2]).toMatchObject({ number: 'OP2', divisionId: outline.divisions[0]!.id });
    // In an annex, the title stays first.
    expect(changes(withCaret(base(), 'Measure one.'), (tr) => moveClause(tr, 'up'))).toBe(false);
  });

  it('adds, edits and removes footnotes at the caret; numbers run across the draft', () => {
    const state = run(withCaret(base(), 'Calls upon States:', 5), (tr) => insertFootnote(tr, '  A/RES/70/237  '));
    const outline = outlineOf(state);
    expect(outline.footnotes.map((f) => [f.number, f.note, f.reference])).toEqual([
      [1, 'A/70/174.', 'PP1'],
      [2, 'A/RES/70/237', 'OP1'],
      [3, 'See also A/76/135.', 'OP2'],
    ]);
    expect(outline.clauses[1]!.text.startsWith('Calls^[A/RES/70/237] upon States:')).toBe(true);
    expect(decorated(state)).toEqual(expected(state));
    // The caret stands after the new marker.
    expect(state.selection.$from.nodeBefore?.type.name).toBe('footnote');

    let pos = -1;
    forEachFootnote(state.doc, (_node, at, number) => {
      if (number === 2) pos = at;
    });
    const edited = run(state, (tr) => setFootnoteNote(tr, pos, 'A/RES/70/237, para. 13'));
    expect(outlineOf(edited).footnotes[1]!.note).toBe('A/RES/70/237, para. 13');
    const removed = run(edited, (tr) => removeFootnote(tr, pos));
    expect(outlineOf(removed).footnotes.map((f) => f.number)).toEqual([1, 2]);
    expect(decorated(removed).footnotes).toEqual([1, 2]);
    // An empty note, or one outside a clause's text, is not a footnote.
    expect(insertFootnote(withCaret(base(), 'States should').tr, '   ')).toBe(false);
    expect(insertFootnote(withCaret(base(), 'General').tr, 'A/1')).toBe(false);
  });

  it('adds and removes the opening formula after the title', () => {
    const without = run(withCaret(base(), 'Calls'), removeFormula);
    expect(outlineOf(without).formula).toBe('');
    expect(removeFormula(without.tr)).toBe(false);
    const added = run(without, addFormula);
    expect(added.selection.$from.parent.type.name).toBe('formula');
    const typed = added.apply(added.tr.insertText('The Human Rights Council,'));
    expect(outlineOf(typed).formula).toBe('The Human Rights Council,');
    expect(addFormula(typed.tr)).toBe(false);
  });

  it('adds an annex with a title and one paragraph; only an annex without words is removed', () => {
    const added = run(withCaret(base(), 'Calls'), addAnnex);
    expect(added.selection.$from.parent.type.name).toBe('annexTitle');
    const outline = outlineOf(added);
    expect(outline.annexes.map((a) => a.label)).toEqual(['Annex I', 'Annex II']);
    expect(outline.clauses.map((c) => c.number)).toEqual(['PP1', 'OP1', 'OP2', 'A1.1', 'A1.2', 'A2.1']);
    expect(decorated(added)).toEqual(expected(added));
    expect(removeAnnex(withCaret(added, 'Measure one.').tr)).toBe(false);
    const removed = run(added, (tr) => removeAnnex(tr));
    expect(outlineOf(removed).annexes.map((a) => a.label)).toEqual(['Annex']);
  });
});
