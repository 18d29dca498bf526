import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { DraftSpec } from '../../shared/draftText';
import { draftFromSpec } from '../../shared/draftText';
import { readOutline } from '../../shared/outline';
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
    const changes = liveChangesSince(base, live);
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
    expect(liveChangesSince(base, withoutC4).map((c) => [c.id, c.moved, c.fromNumber, c.toNumber])).toEqual([
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
