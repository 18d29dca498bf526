import * as prng from 'lib0/prng';
import type { ClauseJSON, DraftJSON, ParagraphJSON, SubparagraphJSON } from '../../shared/draftText';
import { CYBER_TAXONOMY } from '../../shared/pillars';

/**
 * The large draft of the initial-sync storm, built the way a long negotiated text comes about:
 * imported from a file (the import API's own body, a DraftSpec), then worked on by delegates
 * over several sessions, each rewording clauses in a few places and adding new ones. Pure
 * functions here; `seedBigDraft` sends them to a server.
 */

/** Words the clauses are written in: the register of a UN resolution, no brackets (those are markers). */
const WORDS = (
  'States should protect critical infrastructure including hospitals water supply electricity grids and emergency ' +
  'response networks from malicious information and communications technology activity and shall cooperate through ' +
  'the competent national authorities to exchange information on threats vulnerabilities and incidents in accordance ' +
  'with international law including the Charter of the United Nations while respecting human rights and fundamental ' +
  'freedoms and taking into account the needs of developing countries for capacity building technical assistance ' +
  'and the transfer of knowledge on mutually agreed terms'
).split(' ');

const OPENINGS = {
  preamble: ['Recalling', 'Noting with concern', 'Recognizing', 'Reaffirming', 'Welcoming', 'Bearing in mind'],
  operative: ['Calls upon', 'Encourages', 'Decides that', 'Requests', 'Invites', 'Urges', 'Affirms that'],
};

/** What the import API takes (`POST /api/imports` with a JSON body), as far as this draft uses it. */
export interface ImportBody {
  title: string;
  formula: string;
  preamble: ImportClause[];
  operative: (ImportClause | { division: 'part' | 'section'; title: string })[];
  pillars: string;
}

interface ImportClause {
  text: string;
  blocks: { text: string; points?: { text: string }[] }[];
  pillars: string[];
}

function words(random: prng.PRNG, count: number): string {
  return Array.from({ length: count }, () => prng.oneOf(random, WORDS)).join(' ');
}

/** Characters of clause text in an import body: what the import API counts against its limit. */
export function importedCharacters(body: ImportBody): number {
  return [...body.preamble, ...body.operative].reduce(
    (sum, entry) =>
      'division' in entry
        ? sum
        : sum +
          entry.text.length +
          entry.blocks.reduce((s, b) => s + b.text.length + (b.points ?? []).reduce((t, p) => t + p.text.length, 0), 0),
    0,
  );
}

/**
 * The imported first version: `clauses` clauses (a seventh of them preambular), 60–140 words
 * each, every eighth operative clause with three lettered points (one with two points of its
 * own), a part every 100 operative clauses and a section every 25, each clause tagged with one
 * pillar of the default taxonomy, and a footnote in every twentieth. The same every time for a
 * seed.
 */
export function bigDraftImport(clauses: number, seed = 20): ImportBody {
  const random = prng.create(seed);
  const keys = CYBER_TAXONOMY.keys;
  const clause = (kind: 'preamble' | 'operative', i: number): ImportClause => {
    const note = i % 20 === 0 ? ` ^[See document A/${70 + (i % 10)}/${100 + i}.]` : '';
    const text = `${prng.oneOf(random, OPENINGS[kind])} ${words(random, prng.int32(random, 60, 140))}${note}${kind === 'preamble' ? ',' : ';'}`;
    const blocks =
      kind === 'operative' && i % 8 === 0
        ? [
            { text: words(random, 15) },
            { text: words(random, 12), points: [{ text: words(random, 8) }, { text: words(random, 9) }] },
            { text: words(random, 18) },
          ]
        : [];
    return { text, blocks, pillars: [keys[i % keys.length]!] };
  };
  const preambular = Math.round(clauses / 7);
  const operative: ImportBody['operative'] = [];
  for (let i = 0; i < clauses - preambular; i++) {
    if (i % 100 === 0) operative.push({ division: 'part', title: `Part ${i / 100 + 1}: ${words(random, 4)}` });
    else if (i % 25 === 0) operative.push({ division: 'section', title: words(random, 5) });
    operative.push(clause('operative', i));
  }
  return {
    title: `A negotiated draft of ${clauses} clauses`,
    formula: 'The General Assembly,',
    preamble: Array.from({ length: preambular }, (_, i) => clause('preamble', i)),
    operative,
    pillars: 'cyber-norms',
  };
}

/** Every clause of a draft's JSON, preambular, operative and in annexes, in order. */
function clausesOf(draft: DraftJSON): ClauseJSON[] {
  return draft.content.flatMap((node): ClauseJSON[] => {
    if (node.type !== 'preamble' && node.type !== 'operative' && node.type !== 'annex') return [];
    const children: { type: string }[] = node.content;
    return children.filter((child): child is ClauseJSON => child.type === 'clause');
  });
}

function rewordParagraph(paragraph: ParagraphJSON, random: prng.PRNG, changes: number): void {
  for (const node of paragraph.content ?? []) {
    if (node.type !== 'text') continue;
    const split = node.text.split(' ');
    for (let k = 0; k < changes && split.length > 2; k++) {
      split[prng.int32(random, 1, split.length - 2)] = prng.oneOf(random, WORDS);
    }
    node.text = split.join(' ');
    return;
  }
}

function paragraphsOf(clause: ClauseJSON): ParagraphJSON[] {
  const walk = (node: ParagraphJSON | SubparagraphJSON): ParagraphJSON[] =>
    node.type === 'paragraph' ? [node] : node.content.flatMap(walk);
  return clause.content.flatMap(walk);
}

/**
 * One delegate's session on the draft, as a new draft JSON (the input is not changed): every
 * third clause (which third turns with `session`) gets four words replaced in its opening
 * paragraph and one in each point, and `added` new operative clauses are appended. `newId` names
 * the new clauses.
 */
export function sessionOfWork(draft: DraftJSON, session: number, added: number, newId: () => string): DraftJSON {
  const random = prng.create(1000 + session);
  const next = structuredClone(draft);
  clausesOf(next).forEach((clause, i) => {
    if (i % 3 !== session % 3) return;
    paragraphsOf(clause).forEach((paragraph, k) => rewordParagraph(paragraph, random, k === 0 ? 4 : 1));
  });
  const operative = next.content.find((node) => node.type === 'operative');
  if (!operative || operative.type !== 'operative') throw new Error('the draft has no operative part');
  for (let i = 0; i < added; i++) {
    operative.content.push({
      type: 'clause',
      attrs: { id: newId(), pillars: [], status: 'open' },
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: `Further ${words(random, prng.int32(random, 60, 140))};` }],
        },
      ],
    });
  }
  return next;
}

/** Clauses in a draft's JSON. */
export function clauseCount(draft: DraftJSON): number {
  return clausesOf(draft).length;
}
