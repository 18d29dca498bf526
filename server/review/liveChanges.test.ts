import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { DraftSpec } from '../../shared/draftText';
import { draftFromSpec } from '../../shared/draftText';
import { readOutline } from '../../shared/outline';
import type { ClauseRedline } from '../../shared/redline';
import type { LiveEdit } from '../../shared/review/types';
import { liveChangesSince, startingText } from './liveChanges';

function draft(spec: DraftSpec): DocumentNodeJSON {
  let n = 0;
  return draftFromSpec(spec, () => `x${++n}`) as DocumentNodeJSON;
}

const clause = (id: string, text: string) => ({ id, text });

const BASE: DraftSpec = {
  title: 'Norms',
  preamble: [clause('c1', 'Recognizing that essential services depend on connected systems,')],
  operative: [
    clause('c2', 'States should refrain from attacking hospitals.'),
    clause('c3', 'States should share evidence.'),
    clause('c4', 'States should review these norms.'),
    clause('c8', 'States should cooperate.'),
  ],
  annexes: [{ id: 'a1', title: 'Measures', clauses: [clause('c5', 'Points of contact.')] }],
};

/** The base spec with the operative part (and the annexes) replaced. */
function liveWith(operative: DraftSpec['operative'], annexes: DraftSpec['annexes'] = BASE.annexes): DocumentNodeJSON {
  return draft({ ...BASE, operative, annexes });
}

/** The clause redlines among live edits. */
function redlines(edits: LiveEdit[]): ClauseRedline[] {
  return edits.flatMap((edit) => (edit.part === 'clause' ? [edit.redline] : []));
}

function texts(doc: DocumentNodeJSON): string[] {
  return readOutline(doc).clauses.map((c) => `${c.number} ${c.text}`);
}

describe('live changes since the base version', () => {
  const base = draft(BASE);
  const live = liveWith(
    [
      clause('c8', 'States should cooperate.'),
      clause('c2', 'States should refrain from attacking hospitals and clinics.'),
      clause('c6', 'States should notify incidents.'),
      clause('c4', 'States should review these norms.'),
    ],
    [
      { id: 'a1', title: 'Measures', clauses: [clause('c5', 'Points of contact.')] },
      { id: 'a2', title: 'Added live', clauses: [clause('c7', 'A new annex paragraph.')] },
    ],
  );

  it('lists every clause changed, added, removed or moved live, with its redline, and no other', () => {
    const changes = redlines(liveChangesSince(base, live));
    expect(liveChangesSince(base, live).every((c) => c.part === 'clause')).toBe(true);
    expect(changes.map((c) => [c.id, c.change, c.moved, c.fromNumber, c.toNumber])).toEqual([
      ['c8', 'unchanged', true, 'OP4', 'OP1'],
      ['c2', 'modified', false, 'OP1', 'OP2'],
      ['c3', 'removed', false, 'OP2', null],
      ['c6', 'added', false, null, 'OP3'],
      ['c7', 'added', false, null, 'A2.1'],
    ]);
    expect(changes[1]!.words.filter((w) => w.op === 'insert').map((w) => w.text)).toEqual([' and clinics']);
    expect(liveChangesSince(base, base)).toEqual([]);
  });

  it('counts a clause that went to another part of the text as moved', () => {
    const moved = draft({
      ...BASE,
      preamble: [clause('c1', 'Recognizing that essential services depend on connected systems,')],
      operative: BASE.operative,
      annexes: [
        {
          id: 'a1',
          title: 'Measures',
          clauses: [clause('c5', 'Points of contact.'), clause('c4', 'States should review these norms.')],
        },
      ],
    });
    const withoutC4 = {
      ...moved,
      content: moved.content!.map((part) =>
        part.type === 'operative' ? { ...part, content: part.content!.filter((c) => c.attrs?.id !== 'c4') } : part,
      ),
    };
    expect(redlines(liveChangesSince(base, withoutC4)).map((c) => [c.id, c.moved, c.fromNumber, c.toNumber])).toEqual([
      ['c4', true, 'OP3', 'A1.2'],
    ]);
  });

  it('starts from the base version when nothing is kept', () => {
    expect(startingText(base, live, [])).toEqual(base);
  });

  it('brings each kept change as it reads live, and nothing else', () => {
    const changes = liveChangesSince(base, live);
    const keep = (...ids: string[]) =>
      texts(
        startingText(
          base,
          live,
          changes.filter((c) => ids.includes(c.id)),
        ),
      );
    expect(keep('c2')).toEqual([
      'PP1 Recognizing that essential services depend on connected systems,',
      'OP1 States should refrain from attacking hospitals and clinics.',
      'OP2 States should share evidence.',
      'OP3 States should review these norms.',
      'OP4 States should cooperate.',
      'A1.1 Points of contact.',
    ]);
    // An added clause stands after the clause it follows live; a kept removal removes.
    expect(keep('c6', 'c3')).toEqual([
      'PP1 Recognizing that essential services depend on connected systems,',
      'OP1 States should refrain from attacking hospitals.',
      'OP2 States should notify incidents.',
      'OP3 States should review these norms.',
      'OP4 States should cooperate.',
      'A1.1 Points of contact.',
    ]);
    // A kept move puts the clause where it stands live.
    expect(keep('c8')).toEqual([
      'PP1 Recognizing that essential services depend on connected systems,',
      'OP1 States should cooperate.',
      'OP2 States should refrain from attacking hospitals.',
      'OP3 States should share evidence.',
      'OP4 States should review these norms.',
      'A1.1 Points of contact.',
    ]);
    // A clause of an annex added live brings the annex, with its title.
    const annexed = startingText(
      base,
      live,
      changes.filter((c) => c.id === 'c7'),
    );
    expect(texts(annexed).slice(-2)).toEqual(['A1.1 Points of contact.', 'A2.1 A new annex paragraph.']);
    expect(readOutline(annexed).annexes.map((a) => a.title)).toEqual(['Measures', 'Added live']);
    // Everything kept gives the live clauses.
    expect(keep('c2', 'c3', 'c6', 'c7', 'c8')).toEqual(texts(live));
  });
});

describe('live changes to the title, the formula and the headings', () => {
  const WITH_HEADINGS: DraftSpec = {
    ...BASE,
    formula: 'The States participating in this Framework,',
    operative: [
      { division: 'part', title: 'Protection', id: 'd1' },
      clause('c2', 'States should refrain from attacking hospitals.'),
      clause('c3', 'States should share evidence.'),
      { division: 'part', title: 'Review', id: 'd2' },
      clause('c4', 'States should review these norms.'),
    ],
  };
  const base = draft(WITH_HEADINGS);
  const live = draft({
    ...WITH_HEADINGS,
    title: 'Norms of responsible conduct',
    formula: 'The participating States,',
    operative: [
      { division: 'part', title: 'Protection of hospitals', id: 'd1' },
      clause('c2', 'States should refrain from attacking hospitals.'),
      { division: 'section', title: 'Evidence', id: 'd3' },
      clause('c3', 'States should share evidence.'),
      clause('c4', 'States should review these norms.'),
    ],
    annexes: [{ id: 'a1', title: 'Measures of cooperation', clauses: [clause('c5', 'Points of contact.')] }],
  });
  const edits = liveChangesSince(base, live);
  const keeping = (...ids: string[]) =>
    startingText(
      base,
      live,
      edits.filter((edit) => ids.includes(edit.id)),
    );
  const outline = (doc: DocumentNodeJSON) => {
    const read = readOutline(doc);
    return {
      title: read.title,
      formula: doc.content!.find((node) => node.type === 'formula')?.content?.[0]?.text,
      divisions: read.divisions.map((d) => `${d.number} ${d.title}`),
      annexes: read.annexes.map((a) => a.title),
    };
  };

  it('lists each with a stable id, a number and its words, in the order of the live text', () => {
    expect(edits.map((edit) => [edit.part, edit.id, edit.number, edit.part === 'clause' ? '' : edit.change])).toEqual([
      ['title', 'title', 'Title', 'modified'],
      ['formula', 'formula', 'Formula', 'modified'],
      ['heading', 'heading:d1', 'Part I', 'modified'],
      ['heading', 'heading:d3', 'Section A', 'added'],
      ['heading', 'heading:d2', 'Part II', 'removed'],
      ['heading', 'heading:a1', 'Annex', 'modified'],
    ]);
    const words = (id: string) => {
      const edit = edits.find((e) => e.id === id)!;
      return edit.part === 'clause' ? [] : edit.words.filter((w) => w.op !== 'equal').map((w) => `${w.op}:${w.text}`);
    };
    expect(words('title')).toEqual(['insert: of responsible conduct']);
    expect(words('heading:d1')).toEqual(['insert: of hospitals']);
    expect(words('heading:a1')).toEqual(['insert: of cooperation']);
  });

  it('keeps the base version’s unless kept, and brings each kept one as it reads live', () => {
    expect(startingText(base, live, [])).toEqual(base);
    expect(outline(keeping('title', 'formula'))).toEqual({
      title: 'Norms of responsible conduct',
      formula: 'The participating States,',
      divisions: ['Part I Protection', 'Part II Review'],
      annexes: ['Measures'],
    });
    expect(outline(keeping('heading:d1', 'heading:d2', 'heading:d3', 'heading:a1'))).toEqual({
      title: 'Norms',
      formula: 'The States participating in this Framework,',
      divisions: ['Part I Protection of hospitals', 'Section A Evidence'],
      annexes: ['Measures of cooperation'],
    });
    // Everything kept gives the live text.
    expect(keeping(...edits.map((edit) => edit.id))).toEqual(live);
    // An annex removed live goes with its clauses: its removal is theirs to keep.
    const withoutAnnex = draft({ ...WITH_HEADINGS, annexes: [] });
    const removed = liveChangesSince(base, withoutAnnex);
    expect(removed.map((edit) => edit.id)).toEqual(['c5']);
    expect(readOutline(startingText(base, withoutAnnex, removed)).annexes).toEqual([]);
    expect(readOutline(startingText(base, withoutAnnex, [])).annexes.map((annex) => annex.title)).toEqual(['Measures']);
    // A division added live stands before the clause it precedes live.
    const added = keeping('heading:d3').content!.find((node) => node.type === 'operative')!.content!;
    expect(added.map((node) => node.attrs?.id)).toEqual(['d1', 'c2', 'd3', 'c3', 'd2', 'c4']);
  });
});
