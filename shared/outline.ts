import type { ClauseKind, ClauseStatus, ClauseSummary } from './clauses';
import { clauseNumber, isClauseStatus, subparagraphLetter } from './clauses';
import type { DocumentNodeJSON } from './documentJSON';
import type { PillarKey } from './pillars';
import { isPillarKey } from './pillars';

/** What can be wrong with a stored document, each with a stable code for clients and logs. */
export type OutlineProblemCode =
  | 'unknown-node'
  | 'clause-without-id'
  | 'duplicate-clause-id'
  | 'unknown-pillar'
  | 'invalid-status'
  | 'invalid-structure';

/** A problem found while reading a document; nothing is dropped, it is reported. */
export interface OutlineProblem {
  code: OutlineProblemCode;
  message: string;
  /** The clause it concerns, when there is one: its number, and its id if it has one. */
  number?: string;
  clauseId?: string;
}

/** A clause in the outline: its summary plus the problems found in it (absent when none). */
export interface OutlineClause extends Omit<ClauseSummary, 'id'> {
  /** Empty string for a clause that has no id (reported as a problem). */
  id: string;
  /** Number of lettered sub-paragraphs. */
  subparagraphs: number;
  problems?: OutlineProblemCode[];
}

/** The clauses of a draft in order, as the outline API and the outline sidebar show them. */
export interface Outline {
  title: string;
  clauses: OutlineClause[];
  problems: OutlineProblem[];
}

const SECTIONS: Record<string, ClauseKind> = { preamble: 'preambular', operative: 'operative' };
const INLINE = new Set(['text', 'hardBreak']);

/**
 * Reads the outline of a draft from its document JSON: the clauses in order with derived
 * numbers, pillars, status and plain text. A document that does not fit the model (unknown
 * nodes, a clause without an id, duplicate ids, unknown pillar keys) is still read in full and
 * every problem is listed, on the clause it concerns and in `problems`.
 */
export function readOutline(doc: DocumentNodeJSON): Outline {
  const problems: OutlineProblem[] = [];
  const clauses: OutlineClause[] = [];
  const seenIds = new Set<string>();
  let title = '';
  const counters: Record<ClauseKind, number> = { preambular: 0, operative: 0 };

  if (doc.type !== 'doc')
    problems.push({ code: 'invalid-structure', message: `The document root is "${doc.type}", not "doc".` });
  for (const child of doc.content ?? []) {
    if (child.type === 'title') {
      title = plainText(child);
      continue;
    }
    const kind = SECTIONS[child.type];
    if (!kind) {
      problems.push({
        code: 'unknown-node',
        message: `Unknown element "${child.type}" at the top level of the draft.`,
      });
      continue;
    }
    for (const node of child.content ?? []) {
      if (node.type !== 'clause') {
        problems.push({
          code: 'unknown-node',
          message: `Unknown element "${node.type}" in the ${child.type} section.`,
        });
        continue;
      }
      const number = clauseNumber(kind, counters[kind]++);
      clauses.push(readClause(node, kind, number, seenIds, problems));
    }
  }
  return { title, clauses, problems };
}

function readClause(
  node: DocumentNodeJSON,
  kind: ClauseKind,
  number: string,
  seenIds: Set<string>,
  problems: OutlineProblem[],
): OutlineClause {
  const clauseProblems = new Set<OutlineProblemCode>();
  const report = (code: OutlineProblemCode, message: string, clauseId?: string): void => {
    clauseProblems.add(code);
    problems.push({ code, message, number, ...(clauseId ? { clauseId } : {}) });
  };

  const rawId = node.attrs?.id;
  const id = typeof rawId === 'string' ? rawId : '';
  if (!id) report('clause-without-id', `${number} has no id.`);
  else if (seenIds.has(id))
    report('duplicate-clause-id', `${number} has the same id as an earlier clause (${id}).`, id);
  if (id) seenIds.add(id);

  const pillars: PillarKey[] = [];
  const rawPillars = node.attrs?.pillars;
  for (const key of Array.isArray(rawPillars) ? rawPillars : []) {
    if (isPillarKey(key)) {
      if (!pillars.includes(key)) pillars.push(key);
    } else report('unknown-pillar', `${number} is tagged with "${String(key)}", which is not a pillar.`, id);
  }

  let status: ClauseStatus = 'open';
  const rawStatus = node.attrs?.status ?? 'open';
  if (isClauseStatus(rawStatus)) status = rawStatus;
  else report('invalid-status', `${number} has the status "${String(rawStatus)}", which does not exist.`, id);

  const blocks: string[] = [];
  let subparagraphs = 0;
  for (const block of node.content ?? []) {
    if (block.type === 'paragraph') blocks.push(plainText(block));
    else if (block.type === 'subparagraph') blocks.push(`${subparagraphLetter(subparagraphs++)} ${plainText(block)}`);
    else {
      report('unknown-node', `${number} contains an unknown element "${block.type}".`, id);
      blocks.push(plainText(block));
    }
  }
  if (node.content?.[0]?.type !== 'paragraph')
    report('invalid-structure', `${number} does not start with a paragraph.`, id);

  return {
    id,
    number,
    kind,
    pillars,
    status,
    text: blocks.join('\n'),
    subparagraphs,
    ...(clauseProblems.size > 0 ? { problems: [...clauseProblems] } : {}),
  };
}

/** The plain text of a node: its text, hard breaks as line breaks, blocks one per line. */
/**
 * The plain text of one `clause` node exactly as the outline reads it (paragraphs on their own
 * lines, sub-paragraphs with their letters), so amendment redlines compare what version redlines do.
 */
export function clauseText(clause: DocumentNodeJSON): string {
  return (
    readOutline({
      type: 'doc',
      content: [{ type: 'title' }, { type: 'preamble', content: [] }, { type: 'operative', content: [clause] }],
    }).clauses[0]?.text ?? ''
  );
}

export function plainText(node: DocumentNodeJSON): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const children = node.content ?? [];
  const inline = children.every((child) => INLINE.has(child.type));
  return children.map(plainText).join(inline ? '' : '\n');
}
