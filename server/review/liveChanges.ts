import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { readOutline } from '../../shared/outline';
import type { ClauseRedline } from '../../shared/redline';
import { compareTexts } from '../versions/redline';
import type { Located } from './documentClauses';
import { clausesById, containerKey, isContainer } from './documentClauses';

/**
 * What changed in the live text since the base version, clause by clause, as the compare API
 * shows it: every clause whose words, points, pillars or status changed, that was added or
 * removed, or that moved (among the clauses both texts share, or into another part of the text).
 * Consolidation carries none of them unless the chair keeps it.
 */
export function liveChangesSince(base: DocumentNodeJSON, live: DocumentNodeJSON): ClauseRedline[] {
  const baseClauses = clausesById(base);
  const liveClauses = clausesById(live);
  const redline = compareTexts(
    { document: base, outline: readOutline(base) },
    { document: live, outline: readOutline(live) },
  );
  return redline.clauses
    .map((clause) => {
      const from = baseClauses.get(clause.id)?.container;
      const to = liveClauses.get(clause.id)?.container;
      return from !== undefined && to !== undefined && from !== to ? { ...clause, moved: true } : clause;
    })
    .filter((clause) => clause.change !== 'unchanged' || clause.moved);
}

/**
 * The text consolidation starts from: the base version, with the live changes the chair keeps
 * (`kept`, from {@link liveChangesSince}). A kept change brings the clause as it reads live: its
 * words, or its removal, or its place (a clause added or moved live stands after the clause it
 * follows live, in the same part of the text; in an annex added live, that annex comes with it).
 * Everything else is the base version's: the other clauses, the title, the formula and the
 * headings.
 */
export function startingText(
  base: DocumentNodeJSON,
  live: DocumentNodeJSON,
  kept: readonly ClauseRedline[],
): DocumentNodeJSON {
  const text = structuredClone(base);
  const liveClauses = clausesById(live);
  const placing = new Set<string>();
  for (const change of kept) {
    const node = liveClauses.get(change.id)?.node;
    if (!node || change.change === 'added' || change.moved) {
      removeClause(text, change.id);
      if (node) placing.add(change.id);
    } else replaceClause(text, change.id, node);
  }
  // In live order, so that clauses added one after another stay in that order.
  for (const id of liveClauses.keys()) if (placing.has(id)) placeAsLive(text, live, liveClauses, id);
  return text;
}

function removeClause(text: DocumentNodeJSON, id: string): void {
  for (const container of text.content ?? [])
    if (isContainer(container)) container.content = container.content?.filter((node) => node.attrs?.id !== id);
}

function replaceClause(text: DocumentNodeJSON, id: string, clause: DocumentNodeJSON): void {
  for (const container of text.content ?? [])
    if (isContainer(container))
      container.content = container.content?.map((node) =>
        node.type === 'clause' && node.attrs?.id === id ? clause : node,
      );
}

/** The container of `text` with `key`, if it has one. */
function containerOf(text: DocumentNodeJSON, key: string): DocumentNodeJSON | undefined {
  return (text.content ?? []).find((node, index) => isContainer(node) && containerKey(node, index) === key);
}

/** Puts the live clause `id` into `text` after the clause it follows live (in the same container), or first. */
function placeAsLive(
  text: DocumentNodeJSON,
  live: DocumentNodeJSON,
  liveClauses: ReadonlyMap<string, Located>,
  id: string,
): void {
  const { node, container: key } = liveClauses.get(id)!;
  let container = containerOf(text, key);
  if (!container) {
    // An annex added live: it comes with its title, holding the clauses kept from it.
    const liveAnnex = containerOf(live, key)!;
    container = { ...liveAnnex, content: (liveAnnex.content ?? []).filter((child) => child.type === 'annexTitle') };
    text.content = [...(text.content ?? []), container];
  }
  const content = container.content ?? [];
  const siblings = [...liveClauses].filter(([, clause]) => clause.container === key).map(([clauseId]) => clauseId);
  const indexOf = (clauseId: string) =>
    content.findIndex((child) => child.type === 'clause' && child.attrs?.id === clauseId);
  const predecessor = siblings
    .slice(0, siblings.indexOf(id))
    .reverse()
    .find((clauseId) => indexOf(clauseId) >= 0);
  const firstClause = content.findIndex((child) => child.type === 'clause');
  const at = predecessor !== undefined ? indexOf(predecessor) + 1 : firstClause >= 0 ? firstClause : content.length;
  container.content = [...content.slice(0, at), node, ...content.slice(at)];
}
