import { describe, expect, it } from 'vitest';
import { subparagraphLetter } from './clauses';
import type { DocumentNodeJSON } from './documentJSON';
import { draftFromSpec } from './draftText';
import { readOutline } from './outline';
import { CYBER_TAXONOMY } from './pillars';
import { templateSpec } from './templates';

let counter = 0;
const ids = (): string => `c_test${++counter}`;

const clause = (
  id: string | null,
  text: string,
  attrs: Record<string, unknown> = {},
  extra: DocumentNodeJSON[] = [],
): DocumentNodeJSON => ({
  type: 'clause',
  attrs: { id, pillars: [], status: 'open', ...attrs },
  content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }, ...extra],
});

describe('readOutline', () => {
  it('numbers preambular and operative clauses separately, from position', () => {
    const doc = draftFromSpec(
      {
        title: 'T',
        preamble: ['Recalling a', 'Noting b'],
        operative: ['States should c', 'States should d', 'States should e'],
      },
      ids,
    );
    const outline = readOutline(doc);
    expect(outline.title).toBe('T');
    expect(outline.clauses.map((c) => [c.number, c.kind, c.text])).toEqual([
      ['PP1', 'preambular', 'Recalling a'],
      ['PP2', 'preambular', 'Noting b'],
      ['OP1', 'operative', 'States should c'],
      ['OP2', 'operative', 'States should d'],
      ['OP3', 'operative', 'States should e'],
    ]);
    expect(outline.problems).toEqual([]);
  });

  it('letters sub-paragraphs and includes them in the plain text', () => {
    const doc = draftFromSpec(
      { title: 'T', preamble: ['P'], operative: [{ text: 'States should:', subparagraphs: ['one;', 'two.'] }] },
      ids,
    );
    const op1 = readOutline(doc).clauses[1]!;
    expect(op1.subparagraphs).toBe(2);
    expect(op1.text).toBe('States should:\n(a) one;\n(b) two.');
  });

  it('reports every problem and still reads every clause: unknown nodes, missing and duplicate ids, unknown pillars, bad status', () => {
    const doc: DocumentNodeJSON = {
      type: 'doc',
      content: [
        { type: 'title', content: [{ type: 'text', text: 'Broken' }] },
        { type: 'preamble', content: [clause('a', 'first'), { type: 'table' }, clause(null, 'no id')] },
        {
          type: 'operative',
          content: [
            clause('a', 'duplicate', { pillars: ['attribution', 'made-up'] }),
            clause('b', 'odd status', { status: 'done' }, [{ type: 'image' }]),
          ],
        },
        { type: 'appendix' },
      ],
    };
    const outline = readOutline(doc, CYBER_TAXONOMY);
    expect(outline.clauses.map((c) => c.number)).toEqual(['PP1', 'PP2', 'OP1', 'OP2']);
    expect(outline.clauses.map((c) => c.problems ?? [])).toEqual([
      [],
      ['clause-without-id'],
      ['duplicate-clause-id', 'unknown-pillar'],
      ['invalid-status', 'unknown-node'],
    ]);
    expect(outline.clauses[2]!.pillars).toEqual(['attribution']);
    expect(outline.clauses[3]!.status).toBe('open');
    expect(outline.problems.map((p) => p.code).sort()).toEqual(
      [
        'clause-without-id',
        'duplicate-clause-id',
        'invalid-status',
        'unknown-node',
        'unknown-node',
        'unknown-node',
        'unknown-pillar',
      ].sort(),
    );
    expect(outline.problems.find((p) => p.code === 'unknown-pillar')?.message).toMatch(/OP1 .*"made-up"/);
  });

  it('the pillar framework template covers every pillar and has no problems', () => {
    const outline = readOutline(draftFromSpec(templateSpec('pillar-framework', 'Framework'), ids));
    const covered = new Set(outline.clauses.flatMap((c) => c.pillars));
    expect([...covered].sort()).toEqual([...CYBER_TAXONOMY.keys].sort());
    expect(outline.problems).toEqual([]);
  });
});

describe('sub-paragraph letters', () => {
  it('run (a) to (z), then (aa), (bb) …', () => {
    expect([0, 1, 25, 26, 27, 52].map(subparagraphLetter)).toEqual(['(a)', '(b)', '(z)', '(aa)', '(bb)', '(aaa)']);
  });
});
