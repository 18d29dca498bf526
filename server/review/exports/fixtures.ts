import { clauseBlocks } from '../../../shared/clauseBlocks';
import type { DocumentNodeJSON } from '../../../shared/documentJSON';
import { clauseText } from '../../../shared/outline';
import type { BlockRedline } from '../../../shared/redline';
import { compareBlocks } from '../../../shared/redline';
import type { AmendmentStatus } from '../../../shared/review/amendmentStatus';
import type {
  AffiliationRef,
  Amendment,
  AmendmentTransition,
  Compilation,
  DecisionMethod,
  PersonRef,
  ReviewCycle,
} from '../../../shared/review/types';
import { amendmentWording } from '../amendmentRedline';

/**
 * A decided review cycle for the review exports' tests: five amendments to a four-clause base
 * text covering each kind (modify, add, delete), each decision (adopted by vote, adopted as
 * orally revised by consensus, rejected by vote) and the pending states, with accepted and
 * merely requested co-sponsors, statements of support and objection, a live change, a point
 * changed with a nested point added under it, and text full of `<`, `&` and `"` (and a justification starting `=`).
 */

export const CHAIR: PersonRef = { id: 'u-chair', name: 'Amara Osei' };
const LENA: PersonRef = { id: 'u-lena', name: 'Lena Varga' };
const JONAS: PersonRef = { id: 'u-jonas', name: 'Jonas Berg' };
const MILA: PersonRef = { id: 'u-mila', name: 'Mila Novák' };

export const VALDORIA: AffiliationRef = {
  id: 'aff-xva',
  kind: 'delegation',
  name: 'Republic of Valdoria',
  code: 'XVA',
};
export const NORLAND: AffiliationRef = { id: 'aff-xnl', kind: 'delegation', name: 'Kingdom of Norland', code: 'XNL' };
export const OSTRAVA: AffiliationRef = { id: 'aff-xos', kind: 'delegation', name: 'Ostravan Federation', code: 'XOS' };

export const DRAFT_TITLE = 'Framework of Norms for "Responsible" State Behaviour & Critical Infrastructure';

export const CYCLE: ReviewCycle = {
  id: 'cycle-2026',
  draftId: 'draft-1',
  name: 'Review 2026',
  baseVersion: { id: 'ver-rev2', label: 'Rev.2' },
  phase: 'decision',
  schedule: { submission: '2026-03-01', comment: '2026-03-15', deliberation: '2026-04-01', decision: '2026-04-15' },
  openedBy: CHAIR,
  createdAt: '2026-02-01T09:00:00.000Z',
  phaseChangedAt: '2026-04-02T09:00:00.000Z',
  consolidated: null,
  counts: { adopted: 1, 'adopted-as-revised': 1, rejected: 1, submitted: 1, 'under-consideration': 1 },
};

interface PointNode {
  id: string;
  text: string;
  points?: PointNode[];
}

/** A `clause` node of the draft schema: an opening paragraph, then points (each with its id and inner points). */
function clauseNode(id: string, text: string, points: PointNode[] = []): DocumentNodeJSON {
  const paragraph = (t: string): DocumentNodeJSON => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });
  const point = (p: PointNode): DocumentNodeJSON => ({
    type: 'subparagraph',
    attrs: { id: p.id },
    content: [paragraph(p.text), ...(p.points ?? []).map(point)],
  });
  return {
    type: 'clause',
    attrs: { id, pillars: [], status: 'open' },
    content: [paragraph(text), ...points.map(point)],
  };
}

/** A clause of the base text: its node, its number, and its plain text as the outline reads it. */
interface BaseClause {
  id: string;
  number: string;
  node: DocumentNodeJSON;
  text: string;
}

function baseClause(number: string, id: string, text: string, points: PointNode[] = []): BaseClause {
  const node = clauseNode(id, text, points);
  return { id, number, node, text: clauseText(node) };
}

/** The base text, clause by clause (OP3 with points (a) and (b)). */
export const BASE = {
  PP1: baseClause('PP1', 'c-pp1', 'Recalling its resolution on "critical infrastructure" & essential services,'),
  OP1: baseClause('OP1', 'c-op1', 'States should protect essential services.'),
  OP2: baseClause('OP2', 'c-op2', 'States should notify the designated body within 72 hours.'),
  OP3: baseClause('OP3', 'c-op3', 'Responses should take into account:', [
    { id: 'p-op3a', text: 'the gravity of the harm;' },
    { id: 'p-op3b', text: 'the second factor.' },
  ]),
};

function transition(
  from: AmendmentStatus,
  to: AmendmentStatus,
  by: PersonRef,
  at: string,
  decision: DecisionMethod | null = null,
): AmendmentTransition {
  return { from, to, by, at, note: '', decision };
}

/** The transitions of an amendment submitted, put under consideration and then decided as `to`. */
function decided(sponsorPerson: PersonRef, to: AmendmentStatus, decision: DecisionMethod): AmendmentTransition[] {
  return [
    transition('draft', 'submitted', sponsorPerson, '2026-02-20T10:00:00.000Z'),
    transition('submitted', 'under-consideration', CHAIR, '2026-03-16T09:00:00.000Z'),
    transition('under-consideration', to, CHAIR, '2026-04-10T15:30:00.000Z', decision),
  ];
}

/** An amendment to a base clause, its redline and what it changes derived from its wording as the server derives them. */
function amendment(
  fields: Partial<Omit<Amendment, 'revised'>> &
    Pick<Amendment, 'id' | 'number' | 'kind' | 'sponsor' | 'status'> & {
      base: BaseClause;
      revisedWording?: DocumentNodeJSON;
    },
): Amendment {
  const { base, revisedWording, ...rest } = fields;
  return {
    cycleId: CYCLE.id,
    draftId: CYCLE.draftId,
    label: fields.number === null ? 'Draft' : `A-${fields.number}`,
    clauseId: base.id,
    clauseNumber: base.number,
    baseText: base.text,
    proposed: null,
    justification: '',
    pillars: [],
    createdBy: LENA,
    coSponsors: [],
    statements: [],
    transitions: [],
    liveChange: null,
    createdAt: '2026-02-18T08:00:00.000Z',
    submittedAt: fields.number === null ? null : '2026-02-20T10:00:00.000Z',
    updatedAt: '2026-04-10T15:30:00.000Z',
    ...amendmentWording(fields.kind, base.node, base.number, fields.proposed ?? null, revisedWording ?? null),
    ...rest,
  };
}

/** words replaced in OP1 by Valdoria, co-sponsored by Norland (Ostrava only asked), adopted by vote. */
export const A1 = amendment({
  id: 'am-1',
  number: 1,
  kind: 'modify',
  base: BASE.OP1,
  proposed: clauseNode(
    BASE.OP1.id,
    'States should safeguard essential services & "critical" systems (where risk < 5%).',
  ),
  justification: '"Protect" is weaker than <safeguard> & the Convention already uses the latter.',
  pillars: ['civilian-protection', 'resilience-shared-defence'],
  sponsor: VALDORIA,
  coSponsors: [
    {
      affiliation: NORLAND,
      status: 'accepted',
      requestedBy: JONAS,
      requestedAt: '2026-02-21T10:00:00.000Z',
      acceptedAt: '2026-02-21T12:00:00.000Z',
    },
    {
      affiliation: OSTRAVA,
      status: 'requested',
      requestedBy: MILA,
      requestedAt: '2026-02-22T10:00:00.000Z',
      acceptedAt: null,
    },
  ],
  statements: [
    { affiliation: NORLAND, stance: 'support', note: 'Clearer & stronger.', by: JONAS, at: '2026-03-20T10:00:00.000Z' },
    {
      affiliation: OSTRAVA,
      stance: 'objection',
      note: '"Safeguard" is vague < protect.',
      by: MILA,
      at: '2026-03-21T10:00:00.000Z',
    },
  ],
  status: 'adopted',
  transitions: decided(LENA, 'adopted', { method: 'vote', inFavour: 12, against: 3, abstaining: 2 }),
});

/** a new clause after OP2 by Norland, adopted as orally revised by consensus. */
export const A2 = amendment({
  id: 'am-2',
  number: 2,
  kind: 'add',
  base: BASE.OP2,
  proposed: clauseNode('c-new', 'States should share indicators of compromise with one another.'),
  revisedWording: clauseNode('c-new', 'States should share indicators of compromise promptly with one another.'),
  justification: '=HYPERLINK("https://example.org/evil","Sharing indicators speeds up response")',
  pillars: ['resilience-shared-defence'],
  sponsor: NORLAND,
  createdBy: JONAS,
  status: 'adopted-as-revised',
  transitions: decided(JONAS, 'adopted-as-revised', { method: 'consensus' }),
});

/** OP3 and its sub-paragraphs deleted, by Ostrava; rejected by vote. */
export const A3 = amendment({
  id: 'am-3',
  number: 3,
  kind: 'delete',
  base: BASE.OP3,
  justification: 'The factors are already listed in the Charter.\nKeeping them invites selective reading.',
  sponsor: OSTRAVA,
  createdBy: MILA,
  statements: [{ affiliation: VALDORIA, stance: 'objection', note: '', by: LENA, at: '2026-03-22T10:00:00.000Z' }],
  status: 'rejected',
  transitions: decided(MILA, 'rejected', { method: 'vote', inFavour: 4, against: 10, abstaining: 3 }),
});

/** words inserted in OP2 by Valdoria, submitted; OP2 has since changed in the live text (now OP3). */
export const A4 = amendment({
  id: 'am-4',
  number: 4,
  kind: 'modify',
  base: BASE.OP2,
  proposed: clauseNode(BASE.OP2.id, 'States should notify the designated body promptly and within 72 hours.'),
  sponsor: VALDORIA,
  status: 'submitted',
  transitions: [transition('draft', 'submitted', LENA, '2026-02-25T10:00:00.000Z')],
  liveChange: {
    change: 'modified',
    words: [
      { op: 'insert', text: 'Each ' },
      { op: 'equal', text: 'States should notify the designated body within 72 hours.' },
    ],
    liveNumber: 'OP3',
  },
});

/** point (b) of OP3 amended and a point (i) added under it, by Norland with Valdoria, under consideration. */
export const A5 = amendment({
  id: 'am-5',
  number: 5,
  kind: 'modify',
  base: BASE.OP3,
  proposed: clauseNode(BASE.OP3.id, 'Responses should take into account:', [
    { id: 'p-op3a', text: 'the gravity of the harm;' },
    { id: 'p-op3b', text: 'the second and amended factor.', points: [{ id: 'p-op3b1', text: 'its duration.' }] },
  ]),
  justification: 'Names the factor.',
  sponsor: NORLAND,
  createdBy: JONAS,
  coSponsors: [
    {
      affiliation: VALDORIA,
      status: 'accepted',
      requestedBy: LENA,
      requestedAt: '2026-02-26T10:00:00.000Z',
      acceptedAt: '2026-02-26T11:00:00.000Z',
    },
  ],
  status: 'under-consideration',
  transitions: [
    transition('draft', 'submitted', JONAS, '2026-02-26T09:00:00.000Z'),
    transition('submitted', 'under-consideration', CHAIR, '2026-03-16T09:00:00.000Z'),
  ],
});

/** Every fixture amendment, by number. */
export const AMENDMENTS: Amendment[] = [A1, A2, A3, A4, A5];

/** A base clause in the compilation, its blocks all unchanged, with the amendments tabled to it. */
function compiled(
  base: BaseClause,
  kind: Compilation['clauses'][number]['kind'],
  pillars: Compilation['clauses'][number]['pillars'],
  amendments: Amendment[],
): Compilation['clauses'][number] {
  const blocks = clauseBlocks(base.node, base.number);
  return {
    id: base.id,
    number: base.number,
    kind,
    text: base.text,
    blocks: compareBlocks(blocks, blocks),
    pillars,
    amendments,
  };
}

/** The compilation of the cycle: the base text with each amendment beneath its clause. */
export const COMPILATION: Compilation = {
  cycle: CYCLE,
  clauses: [
    compiled(BASE.PP1, 'preambular', [], []),
    compiled(BASE.OP1, 'operative', ['civilian-protection'], [A1]),
    compiled(BASE.OP2, 'operative', [], [A2, A4]),
    compiled(BASE.OP3, 'operative', [], [A3, A5]),
  ],
};

/** A clause of one paragraph as compilation blocks (unchanged), for tests that make up their own clauses. */
export function paragraphBlocks(text: string): BlockRedline[] {
  const blocks = clauseBlocks(clauseNode('', text), '');
  return compareBlocks(blocks, blocks);
}
