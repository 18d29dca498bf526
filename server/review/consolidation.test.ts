import { describe, expect, it } from 'vitest';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { ClauseJSON, DraftJSON } from '../../shared/draftText';
import { draftFromSpec, sectionOf } from '../../shared/draftText';
import { readOutline } from '../../shared/outline';
import type { AdoptedChange } from './consolidation';
import { planConsolidation } from './consolidation';

/** Numbers the clauses c1, c2 … and the points p1, p2 … in document order, so tests can name them. */
function withTestIds(draft: DraftJSON): DraftJSON {
  let clauses = 0;
  let points = 0;
  const visit = (node: DocumentNodeJSON): void => {
    if (node.type === 'clause') node.attrs = { ...node.attrs, id: `c${++clauses}` };
    if (node.type === 'subparagraph') node.attrs = { ...node.attrs, id: `p${++points}` };
    node.content?.forEach(visit);
  };
  draft.content.forEach((node) => visit(node as DocumentNodeJSON));
  return draft;
}

function baseDraft(): DraftJSON {
  let n = 0;
  return withTestIds(
    draftFromSpec(
      {
        title: 'Norms',
        preamble: ['Recognizing that essential services depend on connected systems,'],
        operative: [
          'States should refrain from attacking hospitals and power grids.',
          {
            text: 'States should share evidence:',
            subparagraphs: ['with affected States;', 'with independent experts.'],
          },
          'States should review these norms every five years.',
        ],
      },
      () => `x${++n}`,
    ),
  );
}

/** The clause with `id` in `doc`, as a fresh copy whose first paragraph reads `text`. */
function reworded(doc: DocumentNodeJSON, id: string, text: string, subparagraphs?: string[]): DocumentNodeJSON {
  const clause = structuredClone(findClause(doc, id));
  clause.content![0] = { type: 'paragraph', content: [{ type: 'text', text }] };
  if (subparagraphs)
    clause.content = [
      clause.content![0]!,
      ...subparagraphs.map((t) => ({
        type: 'subparagraph',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }],
      })),
    ];
  return clause;
}

function findClause(doc: DocumentNodeJSON, id: string): DocumentNodeJSON {
  for (const section of doc.content ?? [])
    for (const clause of section.content ?? []) if (clause.attrs?.id === id) return clause;
  throw new Error(`no clause ${id}`);
}

function withClause(doc: DocumentNodeJSON, clause: DocumentNodeJSON): DocumentNodeJSON {
  const copy = structuredClone(doc);
  for (const section of copy.content ?? [])
    section.content = section.content?.map((c) => (c.attrs?.id === clause.attrs?.id ? clause : c));
  return copy;
}

function texts(doc: DocumentNodeJSON | null): string[] {
  return readOutline(doc!).clauses.map((clause) => `${clause.number} ${clause.text}`);
}

let labels = 0;
function change(
  kind: AdoptedChange['kind'],
  clauseId: string,
  clause: DocumentNodeJSON | null,
  pillars: AdoptedChange['pillars'] = [],
): AdoptedChange {
  labels++;
  return { label: `A-${labels}`, number: labels, kind, clauseId, clause, pillars };
}

function newClause(text: string): ClauseJSON {
  return {
    type: 'clause',
    attrs: { id: 'ignored', pillars: [], status: 'open' },
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  };
}

const ids = () => {
  let n = 0;
  return () => `new${++n}`;
};

describe('consolidation', () => {
  it('applies replaced, inserted and deleted words, an added clause and a deleted clause, exactly', () => {
    const base = baseDraft();
    labels = 0;
    const adopted = [
      change(
        'modify',
        'c2',
        reworded(base, 'c2', 'States should refrain from attacking hospitals, water systems and power grids.'),
      ),
      change('modify', 'c1', reworded(base, 'c1', 'Recognizing that essential services depend on systems,')),
      change(
        'modify',
        'c3',
        reworded(base, 'c3', 'States should promptly share evidence:', [
          'with affected States;',
          'with independent experts;',
          'with the secretariat.',
        ]),
      ),
      change('add', 'c3', newClause('States should notify one another of incidents.'), ['transparency-cooperation']),
      change('delete', 'c4', null),
    ];
    const result = planConsolidation({ base, start: base, adopted, resolutions: new Map(), newClauseId: ids() });
    expect(result.conflicts).toEqual([]);
    expect(texts(result.document)).toEqual([
      'PP1 Recognizing that essential services depend on systems,',
      'OP1 States should refrain from attacking hospitals, water systems and power grids.',
      'OP2 States should promptly share evidence:\n(a) with affected States;\n(b) with independent experts;\n(c) with the secretariat.',
      'OP3 States should notify one another of incidents.',
    ]);
    const outline = readOutline(result.document!);
    const addedId = outline.clauses[3]!.id;
    // Adopted by the meeting, the added clause is agreed text unless the chair says otherwise; a
    // plan read before consolidating records nobody as having agreed it.
    expect(findClause(result.document!, addedId).attrs).toEqual({
      id: addedId,
      pillars: ['transparency-cooperation'],
      status: 'agreed',
      statusBy: null,
      statusAt: null,
    });
    expect(result.added).toEqual([
      {
        amendment: 'A-4',
        afterClauseId: 'c3',
        afterNumber: 'OP2',
        number: 'OP3',
        text: 'States should notify one another of incidents.',
        id: addedId,
        status: 'agreed',
      },
    ]);
    // The proposal's points came without ids: (a) and (b) are the base points by position and keep
    // their ids; the point it adds gets a fresh one.
    expect(outline.clauses[2]!.points.map((point) => point.id)).toEqual(['p1', 'p2', expect.stringMatching(/^new/)]);
    // Clause ids and attributes of amended clauses are kept.
    expect(findClause(result.document!, 'c2').attrs).toEqual(findClause(base, 'c2').attrs);
    expect(result.preview.map((p) => [p.number, p.change, p.amendments])).toEqual([
      ['PP1', 'modified', ['A-2']],
      ['OP1', 'modified', ['A-1']],
      ['OP2', 'modified', ['A-3', 'A-4']],
      ['OP3', 'removed', ['A-5']],
      ['OP3', 'added', ['A-3', 'A-4']],
    ]);
  });

  it('gives each added clause the status the chair sets, recording the chair as the one who agreed it', () => {
    const base = baseDraft();
    labels = 0;
    const adopted = [
      change('add', 'c2', newClause('States should notify one another of incidents.')),
      change('add', 'c3', newClause('States should publish their national positions.')),
      change('add', 'c4', newClause('States should keep a register of essential services.')),
      change('modify', 'c4', reworded(base, 'c4', 'States should review these norms every three years.')),
    ];
    const forged = { ...newClause('States should meet yearly.'), attrs: { statusBy: 'Someone', statusAt: 'then' } };
    adopted.push(change('add', 'c4', forged));
    const result = planConsolidation({
      base,
      start: base,
      adopted,
      resolutions: new Map(),
      addedStatuses: new Map([
        ['A-2', 'agreed-ad-ref'],
        ['A-3', 'open'],
      ]),
      statusSetBy: { by: 'Amina Diallo (Conference Secretariat)', at: '2027-05-01T10:00:00.000Z' },
      newClauseId: ids(),
    });
    expect(result.conflicts).toEqual([]);
    const attrsOf = (text: string) => {
      const clause = readOutline(result.document!).clauses.find((c) => c.text === text)!;
      const { status, statusBy, statusAt } = findClause(result.document!, clause.id).attrs!;
      return [clause.number, status, statusBy, statusAt];
    };
    const at = '2027-05-01T10:00:00.000Z';
    expect(attrsOf('States should notify one another of incidents.')).toEqual([
      'OP2',
      'agreed',
      'Amina Diallo (Conference Secretariat)',
      at,
    ]);
    expect(attrsOf('States should publish their national positions.')).toEqual([
      'OP4',
      'agreed-ad-ref',
      'Amina Diallo (Conference Secretariat)',
      at,
    ]);
    // An open clause was agreed by nobody; a proposal cannot bring its own record of who agreed it.
    expect(attrsOf('States should keep a register of essential services.')).toEqual(['OP6', 'open', null, null]);
    expect(attrsOf('States should meet yearly.')).toEqual([
      'OP7',
      'agreed',
      'Amina Diallo (Conference Secretariat)',
      at,
    ]);
    // The amended clause keeps its own status; only added clauses are given one.
    expect(findClause(result.document!, 'c4').attrs?.status).toBe(findClause(base, 'c4').attrs?.status);
    expect(result.added.map((a) => [a.amendment, a.afterNumber, a.number, a.status])).toEqual([
      ['A-1', 'OP1', 'OP2', 'agreed'],
      ['A-2', 'OP2', 'OP4', 'agreed-ad-ref'],
      ['A-3', 'OP3', 'OP6', 'open'],
      ['A-5', 'OP3', 'OP7', 'agreed'],
    ]);
  });

  it('lists no added clause where a resolution stands in place of the clause it follows, and numbers none while conflicts stand', () => {
    const base = baseDraft();
    labels = 0;
    const adopted = [
      change('add', 'c2', newClause('States should notify one another of incidents.')),
      change('add', 'c3', newClause('States should publish their national positions.')),
      change('modify', 'c4', reworded(base, 'c4', 'States should review these norms every three years.')),
      change('modify', 'c4', reworded(base, 'c4', 'States should review these norms every ten years.')),
    ];
    const conflicted = planConsolidation({ base, start: base, adopted, resolutions: new Map() });
    expect(conflicted.document).toBeNull();
    expect(conflicted.added.map((a) => [a.amendment, a.number, a.id])).toEqual([
      ['A-1', null, null],
      ['A-2', null, null],
    ]);
    const resolved = planConsolidation({
      base,
      start: base,
      adopted,
      resolutions: new Map([
        ['c3', [findClause(base, 'c3')]],
        ['c4', [reworded(base, 'c4', 'States should review these norms every five years.')]],
      ]),
    });
    expect(resolved.conflicts).toEqual([]);
    expect(resolved.added.map((a) => [a.amendment, a.number])).toEqual([['A-1', 'OP2']]);
  });

  it('merges two amendments to different words of one clause, and changes made live to other words', () => {
    const base = baseDraft();
    labels = 0;
    const live = withClause(
      base,
      reworded(base, 'c2', 'States should always refrain from attacking hospitals and power grids.'),
    );
    const adopted = [
      change(
        'modify',
        'c2',
        reworded(base, 'c2', 'States should refrain from attacking hospitals and electricity grids.'),
      ),
      change(
        'modify',
        'c2',
        reworded(base, 'c2', 'States should refrain from attacking hospitals, clinics and power grids.'),
      ),
    ];
    const result = planConsolidation({ base, start: live, adopted, resolutions: new Map() });
    expect(result.conflicts).toEqual([]);
    expect(texts(result.document)[1]).toBe(
      'OP1 States should always refrain from attacking hospitals, clinics and electricity grids.',
    );
  });

  it('keeps marks on words an amendment does not touch', () => {
    const base = baseDraft();
    labels = 0;
    const bold = reworded(base, 'c2', 'x');
    bold.content![0] = {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'States ' },
        { type: 'text', text: 'should', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' refrain from attacking hospitals and power grids.' },
      ],
    };
    const live = withClause(base, bold);
    const proposed = reworded(base, 'c2', 'States should refrain from attacking hospitals and grids.');
    const result = planConsolidation({
      base,
      start: live,
      adopted: [change('modify', 'c2', proposed)],
      resolutions: new Map(),
    });
    expect(result.conflicts).toEqual([]);
    const paragraph = findClause(result.document!, 'c2').content![0]!;
    expect(paragraph.content).toEqual([
      { type: 'text', text: 'States ' },
      { type: 'text', text: 'should', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' refrain from attacking hospitals and grids.' },
    ]);
  });

  describe('conflicts', () => {
    it('two amendments changing the same words', () => {
      const base = baseDraft();
      labels = 0;
      const adopted = [
        change('modify', 'c2', reworded(base, 'c2', 'States should refrain from attacking clinics and power grids.')),
        change('modify', 'c2', reworded(base, 'c2', 'States should refrain from attacking schools and power grids.')),
      ];
      const result = planConsolidation({ base, start: base, adopted, resolutions: new Map() });
      expect(result.document).toBeNull();
      expect(result.conflicts).toEqual([
        {
          clauseId: 'c2',
          clauseNumber: 'OP1',
          reason: 'same-words',
          amendments: ['A-1', 'A-2'],
          message: 'A-1 and A-2 change the same words of OP1.',
          covers: ['A-1', 'A-2'],
          startingClause: findClause(base, 'c2'),
        },
      ]);
    });

    it('two insertions at the same place, but not the very same insertion twice', () => {
      const base = baseDraft();
      labels = 0;
      const twice = planConsolidation({
        base,
        start: base,
        adopted: [
          change('modify', 'c4', reworded(base, 'c4', 'States should review these norms every five years together.')),
          change('modify', 'c4', reworded(base, 'c4', 'States should review these norms every five years together.')),
        ],
        resolutions: new Map(),
      });
      expect(twice.conflicts).toEqual([]);
      expect(texts(twice.document)[3]).toBe('OP3 States should review these norms every five years together.');
      const clash = planConsolidation({
        base,
        start: base,
        adopted: [
          change('modify', 'c4', reworded(base, 'c4', 'States should review these norms every five years together.')),
          change('modify', 'c4', reworded(base, 'c4', 'States should review these norms every five years jointly.')),
        ],
        resolutions: new Map(),
      });
      expect(clash.conflicts.map((c) => c.reason)).toEqual(['same-words']);
    });

    it('one amendment deleting a clause another changes or adds after', () => {
      const base = baseDraft();
      labels = 0;
      const adopted = [
        change('delete', 'c4', null),
        change('modify', 'c4', reworded(base, 'c4', 'States should review these norms every ten years.')),
        change('add', 'c4', newClause('New.')),
      ];
      const result = planConsolidation({ base, start: base, adopted, resolutions: new Map() });
      expect(result.conflicts).toEqual([
        {
          clauseId: 'c4',
          clauseNumber: 'OP3',
          reason: 'clause-deleted',
          amendments: ['A-1', 'A-2', 'A-3'],
          message: 'A-1 deletes OP3, which A-2, A-3 also change or add after.',
          covers: ['A-1', 'A-2', 'A-3'],
          startingClause: findClause(base, 'c4'),
        },
      ]);
    });

    it('an amendment to words changed live since the base version, or to a clause removed live', () => {
      const base = baseDraft();
      labels = 0;
      const live = withClause(
        base,
        reworded(base, 'c2', 'States should refrain from attacking clinics and power grids.'),
      );
      const changed = planConsolidation({
        base,
        start: live,
        adopted: [
          change('modify', 'c2', reworded(base, 'c2', 'States should refrain from attacking schools and power grids.')),
        ],
        resolutions: new Map(),
      });
      expect(changed.conflicts.map((c) => [c.reason, c.amendments, c.covers])).toEqual([
        ['clause-changed-live', ['A-1'], ['A-1']],
      ]);
      // A resolution starts from the clause as it reads live.
      expect(
        readOutline({
          type: 'doc',
          content: [
            { type: 'title' },
            { type: 'preamble', content: [] },
            { type: 'operative', content: [changed.conflicts[0]!.startingClause!] },
          ],
        }).clauses[0]!.text,
      ).toBe('States should refrain from attacking clinics and power grids.');

      const removedLive = structuredClone(base);
      sectionOf(removedLive, 'operative').content.splice(2, 1);
      const removed = planConsolidation({
        base,
        start: removedLive,
        adopted: [change('modify', 'c4', reworded(base, 'c4', 'Every ten years.'))],
        resolutions: new Map(),
      });
      expect(removed.conflicts.map((c) => [c.reason, c.startingClause])).toEqual([['clause-removed-live', null]]);
      // Deleting a clause already removed live is no conflict.
      expect(
        planConsolidation({ base, start: removedLive, adopted: [change('delete', 'c4', null)], resolutions: new Map() })
          .conflicts,
      ).toEqual([]);
    });

    it('are settled by the chair’s resolution, which stands in place of the clause', () => {
      const base = baseDraft();
      labels = 0;
      const adopted = [
        change('modify', 'c2', reworded(base, 'c2', 'States should refrain from attacking clinics and power grids.')),
        change('modify', 'c2', reworded(base, 'c2', 'States should refrain from attacking schools and power grids.')),
      ];
      const resolution = reworded(base, 'c2', 'States should refrain from attacking clinics, schools and power grids.');
      const result = planConsolidation({ base, start: base, adopted, resolutions: new Map([['c2', [resolution]]]) });
      expect(result.conflicts).toEqual([]);
      expect(texts(result.document)[1]).toBe(
        'OP1 States should refrain from attacking clinics, schools and power grids.',
      );
      expect(findClause(result.document!, 'c2').attrs?.id).toBe('c2');
      // A resolution with no clauses deletes the clause.
      const deleted = planConsolidation({ base, start: base, adopted, resolutions: new Map([['c2', []]]) });
      expect(texts(deleted.document)).toHaveLength(3);
    });
  });
});
