import type { Taxonomy } from '../../shared/pillars';
import { alignSequences, keptInOrder } from '../../shared/alignBlocks';
import { clauseBlocks } from '../../shared/clauseBlocks';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Outline, OutlineClause } from '../../shared/outline';
import { plainText } from '../../shared/outline';
import type { BlockRedline, ClauseRedline, HeadingRedline, Redline, WordChange } from '../../shared/redline';
import { blocksChanged, compareBlocks, flatWords, textChange } from '../../shared/redline';
import { isDivisionLevel } from '../../shared/structure';

export type { BlockRedline, ClauseRedline, HeadingRedline, Redline, WordChange };

/** A text to compare: its document and its outline (a version's snapshot, or the live text). */
export interface ComparedText {
  document: DocumentNodeJSON;
  outline: Outline;
  /** The pillars that name its tags (a version's as they were when it was taken). */
  taxonomy?: Taxonomy;
}

/** A heading or a clause of a text, in document order, as the redline aligns them. */
type Item =
  | { type: 'clause'; key: string; clause: OutlineClause; node: DocumentNodeJSON }
  | { type: 'heading'; key: string; kind: HeadingRedline['kind']; number: string; title: string };

/** The headings and clauses of a text in order, each clause with its node and outline entry. */
function itemsOf(text: ComparedText): Item[] {
  const items: Item[] = [];
  const clauses = text.outline.clauses;
  const divisions = text.outline.divisions;
  const annexes = text.outline.annexes;
  let clauseIndex = 0;
  let divisionIndex = 0;
  let annexIndex = 0;
  const seen = new Map<string, number>();
  // A heading without an id (never written by Accord) still aligns with an identical one.
  const keyOf = (id: string, fallback: string): string => {
    if (id) return `#${id}`;
    const count = seen.get(fallback) ?? 0;
    seen.set(fallback, count + 1);
    return `${fallback}#${count}`;
  };
  const readContainer = (container: DocumentNodeJSON): void => {
    for (const node of container.content ?? []) {
      if (node.type === 'clause') {
        const clause = clauses[clauseIndex++];
        if (clause) items.push({ type: 'clause', key: `#${clause.id}`, clause, node });
      } else if (node.type === 'division') {
        const division = divisions[divisionIndex++];
        if (!division) continue;
        const kind = isDivisionLevel(node.attrs?.level) ? node.attrs.level : 'part';
        items.push({
          type: 'heading',
          key: keyOf(division.id, `${kind}:${division.title}`),
          kind,
          number: division.number,
          title: division.title,
        });
      }
    }
  };
  for (const child of text.document.content ?? []) {
    if (child.type === 'preamble' || child.type === 'operative') readContainer(child);
    else if (child.type === 'annex') {
      const annex = annexes[annexIndex++];
      if (annex)
        items.push({
          type: 'heading',
          key: keyOf(annex.id, `annex:${annex.title}`),
          kind: 'annex',
          number: annex.label,
          title: annex.title,
        });
      readContainer(child);
    }
  }
  return items;
}

function compareClause(
  before: Extract<Item, { type: 'clause' }> | undefined,
  after: Extract<Item, { type: 'clause' }> | undefined,
  moved: boolean,
): ClauseRedline {
  const clause = (after ?? before)!.clause;
  const blocks = compareBlocks(
    before ? clauseBlocks(before.node, before.clause.number) : [],
    after ? clauseBlocks(after.node, after.clause.number) : [],
  );
  const old = before?.clause;
  const now = after?.clause;
  const pillars = {
    added: (now?.pillars ?? []).filter((key) => !(old?.pillars ?? []).includes(key)),
    removed: (old?.pillars ?? []).filter((key) => !(now?.pillars ?? []).includes(key)),
  };
  const status = old && now && old.status !== now.status ? { from: old.status, to: now.status } : null;
  const change = !old
    ? 'added'
    : !now
      ? 'removed'
      : blocksChanged(blocks) || status || pillars.added.length || pillars.removed.length
        ? 'modified'
        : 'unchanged';
  return {
    id: clause.id,
    kind: clause.kind,
    change,
    moved,
    fromNumber: old?.number ?? null,
    toNumber: now?.number ?? null,
    words: flatWords(blocks),
    blocks,
    pillars,
    status,
  };
}

function compareHeading(
  before: Extract<Item, { type: 'heading' }> | undefined,
  after: Extract<Item, { type: 'heading' }> | undefined,
): Omit<HeadingRedline, 'before'> {
  const heading = (after ?? before)!;
  const { change, words } = textChange(before ? before.title : null, after ? after.title : null);
  return {
    id: heading.key.startsWith('#') ? heading.key.slice(1) : '',
    kind: heading.kind,
    // A heading that became another level (a part made a section) is a change too.
    change: change === 'unchanged' && before && after && before.kind !== after.kind ? 'modified' : change,
    fromNumber: before?.number ?? null,
    toNumber: after?.number ?? null,
    words,
  };
}

function formulaOf(document: DocumentNodeJSON): string | null {
  const formula = document.content?.find((node) => node.type === 'formula');
  return formula ? plainText(formula) : null;
}

/**
 * Compares two texts, aligned by id at every level: clauses by their ids (a clause renumbered by
 * an insertion elsewhere is unchanged; one whose place among the shared clauses changed is
 * moved), points within each clause by theirs (inserted, deleted, changed, moved, with the label
 * of each side; points saved before they had ids by position and words), division headings and
 * annexes by theirs (added, removed, retitled), and the opening formula. Footnotes are compared
 * with the words they stand in (`^[note]`), so a changed note shows as a change there. Removed
 * clauses and headings are listed where they stood, after what preceded them.
 */
export function compareTexts(from: ComparedText, to: ComparedText): Redline {
  const fromItems = itemsOf(from);
  const toItems = itemsOf(to);
  const clauseKeys = (items: Item[]) => items.filter((item) => item.type === 'clause').map((item) => item.key);
  const fromClauses = new Set(clauseKeys(fromItems));
  const toClauses = new Set(clauseKeys(toItems));
  const kept = keptInOrder(
    clauseKeys(fromItems).filter((key) => toClauses.has(key)),
    clauseKeys(toItems).filter((key) => fromClauses.has(key)),
  );

  const clauses: ClauseRedline[] = [];
  const headings: HeadingRedline[] = [];
  let waiting: Omit<HeadingRedline, 'before'>[] = [];
  const aligned = alignSequences(
    fromItems.map((item) => item.key),
    toItems.map((item) => item.key),
  );
  for (const entry of aligned) {
    const old = entry.from === null ? undefined : fromItems[entry.from];
    const now = entry.to === null ? undefined : toItems[entry.to];
    if ((now ?? old)!.type === 'heading') {
      waiting.push(
        compareHeading(old as Extract<Item, { type: 'heading' }>, now as Extract<Item, { type: 'heading' }>),
      );
      continue;
    }
    const key = (now ?? old)!.key;
    const clause = compareClause(
      old as Extract<Item, { type: 'clause' }> | undefined,
      now as Extract<Item, { type: 'clause' }> | undefined,
      old !== undefined && now !== undefined && !kept.has(key),
    );
    for (const heading of waiting) headings.push({ ...heading, before: clause.id });
    waiting = [];
    clauses.push(clause);
  }
  for (const heading of waiting) headings.push({ ...heading, before: null });

  const summary = { added: 0, removed: 0, modified: 0, moved: 0, unchanged: 0 };
  for (const clause of clauses) {
    summary[clause.change]++;
    if (clause.moved) summary.moved++;
  }
  const formulas = [formulaOf(from.document), formulaOf(to.document)] as const;
  return {
    clauses,
    summary,
    title: { from: from.outline.title, to: to.outline.title },
    formula: formulas[0] === null && formulas[1] === null ? null : textChange(...formulas),
    headings,
    pillarLabels: Object.fromEntries(
      [...new Set(clauses.flatMap((clause) => [...clause.pillars.added, ...clause.pillars.removed]))].map((key) => [
        key,
        // The newer text's name for a pillar, or the older's for one removed since.
        [to.taxonomy, from.taxonomy].find((taxonomy) => taxonomy?.has(key))?.label(key) ?? key,
      ]),
    ),
  };
}
