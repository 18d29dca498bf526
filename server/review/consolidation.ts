import { newClauseId } from '../../shared/clauseId';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { readOutline } from '../../shared/outline';
import type { PillarKey } from '../../shared/pillars';
import type { AmendmentKind, Conflict, ConsolidationPlan } from '../../shared/review/types';
import { draftSchema } from '../../shared/schema';
import type { Hunk } from './clauseWords';
import { applyHunks, clauseFromTokens, clauseTokens, diffTokens, hunksOverlap } from './clauseWords';

/** An adopted amendment as consolidation needs it: what it does, and the wording finally adopted. */
export interface AdoptedChange {
  label: string;
  number: number;
  kind: AmendmentKind;
  clauseId: string;
  /** The clause as adopted (the revised text for adopted-as-revised); null for a deletion. */
  clause: DocumentNodeJSON | null;
  pillars: PillarKey[];
}

export interface ConsolidationInput {
  /** The base version's document. */
  base: DocumentNodeJSON;
  /** The live document now. */
  live: DocumentNodeJSON;
  adopted: AdoptedChange[];
  /** The chair's resolutions: the clauses that stand in place of a clause. */
  resolutions: ReadonlyMap<string, DocumentNodeJSON[]>;
  newClauseId?: () => string;
}

export interface ConsolidationResult {
  conflicts: Conflict[];
  /** The whole new document, or null when there are conflicts (nothing is applied half). */
  document: DocumentNodeJSON | null;
  preview: ConsolidationPlan['preview'];
}

const SECTIONS = ['preamble', 'operative'] as const;

interface Located {
  node: DocumentNodeJSON;
  section: (typeof SECTIONS)[number];
}

function clausesById(doc: DocumentNodeJSON): Map<string, Located> {
  const map = new Map<string, Located>();
  for (const section of doc.content ?? []) {
    if (section.type !== 'preamble' && section.type !== 'operative') continue;
    for (const node of section.content ?? []) {
      const id = node.attrs?.id;
      if (typeof id === 'string') map.set(id, { node, section: section.type });
    }
  }
  return map;
}

/**
 * Works out what applying every adopted amendment of a review cycle does to the live text, or
 * why it cannot be done yet.
 *
 * Each amendment changes the words of one clause of the base version. Its changes are taken as
 * word hunks against the base clause and applied to the live clause together with the changes
 * made live since the base version; two changes to the same words (by two amendments, or by an
 * amendment and the live text), a deletion of a clause another amendment changes or adds after,
 * or a change to a clause since removed from the live text are conflicts. A conflict is settled
 * by the chair's resolution for that clause, which then stands in place of the clause as written.
 */
export function planConsolidation(input: ConsolidationInput): ConsolidationResult {
  const makeId = input.newClauseId ?? newClauseId;
  const baseClauses = clausesById(input.base);
  const liveClauses = clausesById(input.live);
  const baseNumbers = new Map(readOutline(input.base).clauses.map((clause) => [clause.id, clause.number]));
  const liveOutline = readOutline(input.live).clauses;
  const liveNumbers = new Map(liveOutline.map((clause) => [clause.id, clause.number]));
  const liveText = new Map(liveOutline.map((clause) => [clause.id, clause.text]));
  const conflicts: Conflict[] = [];
  const conflict = (clauseId: string, reason: Conflict['reason'], changes: AdoptedChange[], message: string) =>
    conflicts.push({
      clauseId,
      clauseNumber: baseNumbers.get(clauseId) ?? liveNumbers.get(clauseId) ?? '?',
      reason,
      amendments: changes.map((c) => c.label),
      message,
      covers: (groups.get(clauseId) ?? []).map((c) => c.label),
      liveClause: liveClauses.get(clauseId)?.node ?? null,
    });

  const groups = new Map<string, AdoptedChange[]>();
  for (const change of [...input.adopted].sort((a, b) => a.number - b.number))
    groups.set(change.clauseId, [...(groups.get(change.clauseId) ?? []), change]);
  for (const clauseId of input.resolutions.keys()) if (!groups.has(clauseId)) groups.set(clauseId, []);

  /** For each clause touched: the clauses that stand in its place, and the amendments behind them. */
  const replacements = new Map<string, { clauses: DocumentNodeJSON[]; labels: string[] }>();
  for (const [clauseId, changes] of groups) {
    const labels = changes.map((c) => c.label);
    const number = baseNumbers.get(clauseId) ?? liveNumbers.get(clauseId) ?? clauseId;
    const resolution = input.resolutions.get(clauseId);
    if (resolution) {
      replacements.set(clauseId, {
        clauses: resolution.map((clause, k) =>
          withIds(clause, k === 0 && clause.attrs?.id === clauseId ? clauseId : makeId()),
        ),
        labels,
      });
      continue;
    }
    const base = baseClauses.get(clauseId);
    const live = liveClauses.get(clauseId);
    if (!base) {
      conflict(
        clauseId,
        'clause-removed-live',
        changes,
        `${labels.join(', ')} concern a clause that is not in the base version.`,
      );
      continue;
    }
    const deletions = changes.filter((c) => c.kind === 'delete');
    const modifications = changes.filter((c) => c.kind === 'modify');
    const additions = changes.filter((c) => c.kind === 'add');
    if (deletions.length > 0 && modifications.length + additions.length > 0) {
      const others = [...modifications, ...additions];
      conflict(
        clauseId,
        'clause-deleted',
        changes,
        `${deletions.map((c) => c.label).join(', ')} delete${deletions.length === 1 ? 's' : ''} ${number}, ` +
          `which ${others.map((c) => c.label).join(', ')} also change${others.length === 1 ? 's' : ''} ` +
          `or add${others.length === 1 ? 's' : ''} after.`,
      );
      continue;
    }
    if (!live) {
      if (deletions.length === changes.length) {
        replacements.set(clauseId, { clauses: [], labels });
        continue;
      }
      conflict(
        clauseId,
        'clause-removed-live',
        changes,
        `${number} has been removed from the live text since the base version; ${labels.join(', ')} cannot be applied to it.`,
      );
      continue;
    }
    if (deletions.length > 0) {
      replacements.set(clauseId, { clauses: [], labels });
      continue;
    }

    let clause = live.node;
    if (modifications.length > 0) {
      const baseTokens = clauseTokens(base.node);
      const liveHunks = diffTokens(baseTokens, clauseTokens(live.node));
      const amendmentHunks = modifications.map((change) => ({
        change,
        hunks: diffTokens(baseTokens, clauseTokens(change.clause!)),
      }));
      let clash = false;
      for (let a = 0; a < amendmentHunks.length; a++) {
        for (let b = a + 1; b < amendmentHunks.length; b++) {
          if (overlapping(amendmentHunks[a]!.hunks, amendmentHunks[b]!.hunks)) {
            clash = true;
            conflict(
              clauseId,
              'same-words',
              [amendmentHunks[a]!.change, amendmentHunks[b]!.change],
              `${amendmentHunks[a]!.change.label} and ${amendmentHunks[b]!.change.label} change the same words of ${number}.`,
            );
          }
        }
        if (overlapping(amendmentHunks[a]!.hunks, liveHunks)) {
          clash = true;
          conflict(
            clauseId,
            'clause-changed-live',
            [amendmentHunks[a]!.change],
            `The words of ${number} that ${amendmentHunks[a]!.change.label} changes have been changed in the live text since the base version.`,
          );
        }
      }
      if (clash) continue;
      const merged = applyHunks(baseTokens, [...liveHunks, ...amendmentHunks.flatMap((entry) => entry.hunks)]);
      clause = clauseFromTokens(merged, { ...live.node.attrs });
      if (!isValidClause(clause)) {
        conflict(
          clauseId,
          'invalid-result',
          modifications,
          `Applying ${modifications.map((c) => c.label).join(', ')} to ${number} does not give a well-formed clause.`,
        );
        continue;
      }
    }
    const added = additions.map((change) =>
      withIds(
        { ...change.clause!, attrs: { ...change.clause!.attrs, pillars: change.pillars, status: 'open' } },
        makeId(),
      ),
    );
    replacements.set(clauseId, { clauses: [clause, ...added], labels });
  }

  const preview: ConsolidationPlan['preview'] = [];
  if (conflicts.length > 0) return { conflicts, document: null, preview };

  // Clauses removed from the live text whose resolution brings clauses back go after their nearest surviving predecessor.
  const orphans = new Map<string, string[]>();
  for (const clauseId of replacements.keys()) {
    if (liveClauses.has(clauseId)) continue;
    const baseOrder = [...baseClauses.keys()];
    const predecessor =
      baseOrder
        .slice(0, baseOrder.indexOf(clauseId))
        .reverse()
        .find((id) => liveClauses.has(id)) ?? `^${baseClauses.get(clauseId)?.section ?? 'operative'}`;
    orphans.set(predecessor, [...(orphans.get(predecessor) ?? []), clauseId]);
  }

  const changeOf = new Map<string, { change: 'modified' | 'added'; labels: string[] }>();
  const removed: { id: string; text: string; after: string | null; labels: string[] }[] = [];
  const document: DocumentNodeJSON = {
    ...input.live,
    content: (input.live.content ?? []).map((section) => {
      if (section.type !== 'preamble' && section.type !== 'operative') return section;
      const content: DocumentNodeJSON[] = [];
      const place = (clauseId: string, original: DocumentNodeJSON | undefined) => {
        const replacement = replacements.get(clauseId);
        if (!replacement) {
          if (original) content.push(original);
          return;
        }
        if (replacement.clauses.length === 0 && original)
          removed.push({
            id: clauseId,
            text: liveText.get(clauseId) ?? '',
            after: lastId(content),
            labels: replacement.labels,
          });
        for (const clause of replacement.clauses) {
          const id = clause.attrs!.id as string;
          changeOf.set(id, {
            change:
              id === clauseId || (original === undefined && clause === replacement.clauses[0]) ? 'modified' : 'added',
            labels: replacement.labels,
          });
          content.push(clause);
        }
      };
      for (const orphan of orphans.get(`^${section.type}`) ?? []) place(orphan, undefined);
      for (const node of section.content ?? []) {
        const id = node.attrs?.id as string;
        place(id, node);
        for (const orphan of orphans.get(id) ?? []) place(orphan, undefined);
      }
      return { ...section, content };
    }),
  };
  const result = readOutline(document);
  const removedAfter = new Map<string | null, typeof removed>();
  for (const entry of removed) removedAfter.set(entry.after, [...(removedAfter.get(entry.after) ?? []), entry]);
  const pushRemoved = (after: string | null) => {
    for (const entry of removedAfter.get(after) ?? [])
      preview.push({
        id: entry.id,
        number: liveNumbers.get(entry.id) ?? '',
        text: entry.text,
        change: 'removed',
        amendments: entry.labels,
      });
  };
  pushRemoved(null);
  for (const clause of result.clauses) {
    const change = changeOf.get(clause.id);
    const kind =
      change?.change === 'modified' && liveText.get(clause.id) === clause.text
        ? 'unchanged'
        : (change?.change ?? 'unchanged');
    preview.push({
      id: clause.id,
      number: clause.number,
      text: clause.text,
      change: kind,
      amendments: change?.labels ?? [],
    });
    pushRemoved(clause.id);
  }
  if (!isValidDocument(document)) {
    const labels = [...replacements.values()].flatMap((r) => r.labels);
    return {
      conflicts: [
        {
          clauseId: '',
          clauseNumber: '',
          reason: 'invalid-result',
          amendments: labels,
          message: 'The consolidated text would leave a section without clauses.',
          covers: labels,
          liveClause: null,
        },
      ],
      document: null,
      preview: [],
    };
  }
  return { conflicts, document, preview };
}

function overlapping(a: Hunk[], b: Hunk[]): boolean {
  return a.some((x) => b.some((y) => hunksOverlap(x, y)));
}

function withIds(clause: DocumentNodeJSON, id: string): DocumentNodeJSON {
  return { ...clause, type: 'clause', attrs: { pillars: [], status: 'open', ...clause.attrs, id } };
}

function lastId(content: DocumentNodeJSON[]): string | null {
  return (content[content.length - 1]?.attrs?.id as string | undefined) ?? null;
}

const schema = draftSchema();

/** Whether a node is a well-formed `clause` of the draft schema. */
export function isValidClause(clause: DocumentNodeJSON): boolean {
  try {
    const node = schema.nodeFromJSON(clause);
    node.check();
    return node.type.name === 'clause';
  } catch {
    return false;
  }
}

function isValidDocument(document: DocumentNodeJSON): boolean {
  try {
    schema.nodeFromJSON(document).check();
    return true;
  } catch {
    return false;
  }
}
