import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { readOutline } from '../../shared/outline';
import { textChange } from '../../shared/redline';
import type { LiveEdit } from '../../shared/review/types';
import { compareTexts } from '../versions/redline';
import type { Located } from './documentClauses';
import { clausesById, containerKey, isContainer } from './documentClauses';

/**
 * What changed in the live text since the base version, as the compare API shows it, in the
 * order of the live text: the title, the opening formula, then every clause whose words, points,
 * pillars or status changed, that was added or removed, or that moved (among the clauses both
 * texts share, or into another part of the text), each after the headings changed before it (a
 * division's heading added, removed, retitled or made another level; an annex retitled; an annex
 * added or removed goes with its clauses). Consolidation carries none of them unless the chair
 * keeps it.
 */
export function liveChangesSince(base: DocumentNodeJSON, live: DocumentNodeJSON): LiveEdit[] {
  const baseClauses = clausesById(base);
  const liveClauses = clausesById(live);
  const redline = compareTexts(
    { document: base, outline: readOutline(base) },
    { document: live, outline: readOutline(live) },
  );
  const edits: LiveEdit[] = [];
  const text = (part: 'title' | 'formula' | 'heading', id: string, number: string, changed: TextChange) => {
    if (changed.change !== 'unchanged') edits.push({ part, id, number, change: changed.change, words: changed.words });
  };
  text('title', 'title', 'Title', textChange(redline.title.from, redline.title.to));
  if (redline.formula) text('formula', 'formula', 'Formula', redline.formula);
  const headings = (before: string | null) => {
    for (const heading of redline.headings) {
      if (heading.before !== before || !heading.id) continue;
      if (heading.kind === 'annex' && heading.change !== 'modified') continue;
      text('heading', `heading:${heading.id}`, heading.toNumber ?? heading.fromNumber ?? '', heading);
    }
  };
  for (const clause of redline.clauses) {
    headings(clause.id);
    const from = baseClauses.get(clause.id)?.container;
    const to = liveClauses.get(clause.id)?.container;
    const moved = clause.moved || (from !== undefined && to !== undefined && from !== to);
    if (clause.change !== 'unchanged' || moved)
      edits.push({
        part: 'clause',
        id: clause.id,
        number: clause.toNumber ?? clause.fromNumber ?? '',
        redline: { ...clause, moved },
      });
  }
  headings(null);
  return edits;
}

type TextChange = ReturnType<typeof textChange>;

/**
 * The text consolidation starts from: the base version, with the live changes the chair keeps
 * (`kept`, from {@link liveChangesSince}). A kept change brings what it changed as it reads live:
 * a clause's words, or its removal, or its place (a clause added or moved live stands after the
 * clause it follows live, in the same part of the text; in an annex added live, that annex comes
 * with it; an annex whose every clause is removed goes); the title; the formula; a heading's
 * words and level, its removal, or, for one added live, its place before the clause it stands
 * before live. Everything else is the base version's.
 */
export function startingText(
  base: DocumentNodeJSON,
  live: DocumentNodeJSON,
  kept: readonly LiveEdit[],
): DocumentNodeJSON {
  const text = structuredClone(base);
  const liveClauses = clausesById(live);
  const placing = new Set<string>();
  for (const change of kept) {
    if (change.part !== 'clause') continue;
    const node = liveClauses.get(change.id)?.node;
    if (!node || change.redline.change === 'added' || change.redline.moved) {
      removeClause(text, change.id);
      if (node) placing.add(change.id);
    } else replaceClause(text, change.id, node);
  }
  // In live order, so that clauses added one after another stay in that order.
  for (const id of liveClauses.keys()) if (placing.has(id)) placeAsLive(text, live, liveClauses, id);
  text.content = (text.content ?? []).filter(
    (node) => node.type !== 'annex' || (node.content ?? []).some((child) => child.type === 'clause'),
  );
  for (const change of kept) {
    if (change.part === 'title' || change.part === 'formula') keepTopNode(text, live, change.part);
    if (change.part === 'heading') keepHeading(text, live, change.id.slice('heading:'.length));
  }
  return text;
}

/** Makes the title or the formula of `text` what it is in `live` (the formula removed if live has none). */
function keepTopNode(text: DocumentNodeJSON, live: DocumentNodeJSON, type: 'title' | 'formula'): void {
  const liveNode = (live.content ?? []).find((node) => node.type === type);
  const rest = (text.content ?? []).filter((node) => node.type !== type);
  const at = type === 'title' ? 0 : 1;
  text.content = liveNode ? [...rest.slice(0, at), liveNode, ...rest.slice(at)] : rest;
}

/**
 * Makes the heading with `id` in `text` what it is in `live`: an annex's title, or a division's
 * heading (removed if live has none; one added live goes before the first clause it precedes
 * live that `text` has, else after the last one it follows, in the same part of the text).
 */
function keepHeading(text: DocumentNodeJSON, live: DocumentNodeJSON, id: string): void {
  const liveAnnex = (live.content ?? []).find((node) => node.type === 'annex' && node.attrs?.id === id);
  if (liveAnnex) {
    const title = liveAnnex.content?.find((child) => child.type === 'annexTitle');
    for (const annex of text.content ?? [])
      if (annex.type === 'annex' && annex.attrs?.id === id && title)
        annex.content = (annex.content ?? []).map((child) => (child.type === 'annexTitle' ? title : child));
    return;
  }
  const isIt = (node: DocumentNodeJSON) => node.type === 'division' && node.attrs?.id === id;
  const liveIndex = (live.content ?? []).findIndex((container) => container.content?.some(isIt));
  const liveContainer = live.content?.[liveIndex];
  const division = liveContainer?.content?.find(isIt);
  for (const container of text.content ?? [])
    if (isContainer(container)) container.content = container.content?.filter((node) => !isIt(node));
  if (!liveContainer || !division) return;
  const container = containerOf(text, containerKey(liveContainer, liveIndex));
  if (!container) return;
  const content = container.content ?? [];
  const liveContent = liveContainer.content ?? [];
  const own = liveContent.indexOf(division);
  const indexOf = (node: DocumentNodeJSON) =>
    node.type === 'clause'
      ? content.findIndex((child) => child.type === 'clause' && child.attrs?.id === node.attrs?.id)
      : -1;
  const next = liveContent
    .slice(own + 1)
    .map(indexOf)
    .find((index) => index >= 0);
  const previous = liveContent
    .slice(0, own)
    .map(indexOf)
    .filter((index) => index >= 0)
    .at(-1);
  const at = next ?? (previous !== undefined ? previous + 1 : content.length);
  container.content = [...content.slice(0, at), division, ...content.slice(at)];
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
