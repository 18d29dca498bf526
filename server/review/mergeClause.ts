import { alignSequences, keptInOrder, pairBlocks } from '../../shared/alignBlocks';
import type { ClauseBlock } from '../../shared/clauseBlocks';
import { blocksFitClause, clauseBlocks, clauseFromBlocks } from '../../shared/clauseBlocks';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { MAX_POINT_LEVELS } from '../../shared/limits';
import type { ConflictReason } from '../../shared/review/types';
import type { Hunk } from './clauseWords';
import { applyHunks, diffTokens, hunksOverlap, paragraphFromTokens, paragraphTokens } from './clauseWords';

/** A conflict inside one clause, about its own words or about one of its points. */
export interface ClauseConflict {
  reason: ConflictReason;
  amendments: string[];
  message: string;
  point?: { id: string; reference: string };
}

/** One version of the clause that changed it since the base: the live text, or an adopted amendment (by label). */
interface Source {
  label: string;
  blocks: ClauseBlock[];
  /** Per block: the key of the base block it is, or a key of its own for a block the source added. */
  keys: string[];
  /** Base key → index of the block in this source. */
  index: Map<string, number>;
  /** Base keys that kept their place among the base blocks the source still has. */
  kept: Set<string>;
}

/** What stands in the merged clause: a block, by key, with the words and level it ends with. */
interface Entry {
  key: string;
  kind: ClauseBlock['kind'];
  level: number;
  paragraph: DocumentNodeJSON;
  attrs: Record<string, unknown>;
  /** A base block the live text no longer has (kept until amendments have placed what follows it). */
  gone: boolean;
}

/** A run of blocks an amendment puts after one block (added, or moved there), keyed by what it holds. */
interface Run {
  anchor: string;
  source: Source;
  indexes: number[];
  signature: string;
}

function readSource(label: string, clause: DocumentNodeJSON, base: ClauseBlock[], number: string): Source {
  const blocks = clauseBlocks(clause, number);
  const [, toKeys] = pairBlocks(base, blocks);
  const keys = toKeys.map((key, j) => (key.startsWith('b') ? key : `+${label}#${j}`));
  const index = new Map(keys.map((key, j) => [key, j]));
  const shared = keys.filter((key) => key.startsWith('b'));
  const kept = keptInOrder(
    base.map((_, i) => `b${i}`).filter((key) => index.has(key)),
    shared,
  );
  return { label, blocks, keys, index, kept };
}

/** Whether the source moved a base block: another place among the base blocks, or another level. */
function moves(source: Source, key: string, base: ClauseBlock): boolean {
  const at = source.index.get(key);
  return at !== undefined && (!source.kept.has(key) || source.blocks[at]!.level !== base.level);
}

/**
 * The runs of blocks a source puts in new places (added, or moved), each after the last block
 * before it that stayed where the base had it (`^`: before them all).
 */
function runsOf(source: Source, base: readonly ClauseBlock[]): Run[] {
  const runs: Run[] = [];
  let anchor = '^';
  let open: Run | null = null;
  source.keys.forEach((key, j) => {
    const baseBlock = key.startsWith('b') ? base[Number(key.slice(1))] : undefined;
    if (baseBlock && !moves(source, key, baseBlock)) {
      anchor = key;
      open = null;
      return;
    }
    if (!open) {
      open = { anchor, source, indexes: [], signature: '' };
      runs.push(open);
    }
    open.indexes.push(j);
  });
  for (const run of runs)
    run.signature = run.indexes
      .map((j) => (run.source.keys[j]!.startsWith('b') ? run.source.keys[j]! : blockSignature(run.source.blocks[j]!)))
      .join('\u0002');
  return runs;
}

function blockSignature(block: ClauseBlock): string {
  return `${block.kind}\u0001${block.level}\u0001${JSON.stringify(block.paragraph.content ?? [])}`;
}

/**
 * Merges the adopted amendments that change one clause with the changes made to it live since
 * the base version, block by block, points aligned by id at every level (see `pairBlocks`): words
 * changed in different places of a block both apply (as hunks of word tokens), points deleted,
 * added or moved by one amendment are deleted, added or moved; the clause keeps its live id and
 * attributes. What cannot be merged is a conflict about the clause's own words or a point, named
 * by its reference in the base text: two amendments changing the same words, or putting different
 * points at the same place (or one point in different places); one deleting a point another
 * changes; an amendment changing, moving or deleting what the live text changed or removed since
 * the base; or a result that is not a well-formed clause.
 */
export function mergeClause(input: {
  base: DocumentNodeJSON;
  live: DocumentNodeJSON;
  /** The clause's number in the base version, for references ("OP1(b)"). */
  number: string;
  changes: { label: string; clause: DocumentNodeJSON }[];
  newId: () => string;
}): { clause: DocumentNodeJSON; conflicts: [] } | { clause: null; conflicts: ClauseConflict[] } {
  const { number } = input;
  const base = clauseBlocks(input.base, number);
  const baseKeys = base.map((_, i) => `b${i}`);
  const live = readSource('live', input.live, base, number);
  const amendments = input.changes.map((change) => readSource(change.label, change.clause, base, number));

  const baseTokens = base.map((block) => paragraphTokens(block.paragraph));
  const hunksOf = (source: Source, i: number): Hunk[] => {
    const at = source.index.get(baseKeys[i]!);
    return at === undefined ? [] : diffTokens(baseTokens[i]!, paragraphTokens(source.blocks[at]!.paragraph));
  };

  const conflicts: ClauseConflict[] = [];
  base.forEach((block, i) => {
    const key = baseKeys[i]!;
    const point = block.kind === 'point' ? { point: { id: block.id, reference: block.reference } } : {};
    const add = (reason: ConflictReason, who: Source[], message: string): void => {
      conflicts.push({ reason, amendments: who.map((s) => s.label), message, ...point });
    };
    const where = block.reference;
    const liveHunks = hunksOf(live, i);
    const deleting = amendments.filter((a) => !a.index.has(key));
    const wording = amendments.map((a) => ({ source: a, hunks: hunksOf(a, i) })).filter((w) => w.hunks.length > 0);
    const moving = amendments.filter((a) => moves(a, key, block));
    const changing = amendments.filter((a) => wording.some((w) => w.source === a) || moving.includes(a));
    if (deleting.length > 0 && changing.length > 0) {
      add(
        'point-deleted',
        [...deleting, ...changing],
        `${act(deleting, 'delete')} ${where}, which ${act(changing, 'also change')}.`,
      );
      return;
    }
    if (!live.index.has(key)) {
      if (changing.length > 0)
        add(
          'clause-changed-live',
          changing,
          `${where} has been removed from the live text since the base version; ${act(changing, 'change')} it.`,
        );
      return;
    }
    if (deleting.length > 0 && (liveHunks.length > 0 || moves(live, key, block)))
      add(
        'clause-changed-live',
        deleting,
        `${where} has been changed in the live text since the base version; ${act(deleting, 'delete')} it.`,
      );
    for (let a = 0; a < wording.length; a++) {
      for (let b = a + 1; b < wording.length; b++)
        if (overlapping(wording[a]!.hunks, wording[b]!.hunks))
          add(
            'same-words',
            [wording[a]!.source, wording[b]!.source],
            `${wording[a]!.source.label} and ${wording[b]!.source.label} change the same words of ${where}.`,
          );
      if (overlapping(wording[a]!.hunks, liveHunks))
        add(
          'clause-changed-live',
          [wording[a]!.source],
          `The words of ${where} that ${wording[a]!.source.label} changes have been changed in the live text since the base version.`,
        );
    }
    if (moving.length > 0 && moves(live, key, block))
      add(
        'clause-changed-live',
        moving,
        `${where} has been moved in the live text since the base version; ${act(moving, 'move')} it too.`,
      );
  });

  // Where amendments put new or moved blocks: one place, one run (the same run twice is fine).
  const runs = amendments.flatMap((source) => runsOf(source, base));
  const byAnchor = new Map<string, Run[]>();
  for (const run of runs) byAnchor.set(run.anchor, [...(byAnchor.get(run.anchor) ?? []), run]);
  const liveRuns = new Set(runsOf(live, base).map((run) => run.anchor));
  for (const [anchor, atAnchor] of byAnchor) {
    const where = anchor === '^' ? number : base[baseKeys.indexOf(anchor)]!.reference;
    const distinct = atAnchor.filter(
      (run, k) => atAnchor.findIndex((other) => other.signature === run.signature) === k,
    );
    const putting = distinct.map((run) => run.source);
    const deleting = amendments.filter((a) => anchor !== '^' && !a.index.has(anchor));
    if (deleting.length > 0)
      conflicts.push({
        reason: 'point-deleted',
        amendments: [...deleting, ...putting].map((source) => source.label),
        message: `${act(deleting, 'delete')} ${where}, after which ${act(putting, 'put')} points.`,
      });
    else if (anchor !== '^' && !live.index.has(anchor))
      conflicts.push({
        reason: 'clause-changed-live',
        amendments: putting.map((source) => source.label),
        message: `${where} has been removed from the live text since the base version; ${act(putting, 'put')} points after it.`,
      });
    else if (distinct.length > 1)
      conflicts.push({
        reason: 'same-place',
        amendments: distinct.map((run) => run.source.label),
        message: `${labels(putting)} put different points after ${where}.`,
      });
    else if (liveRuns.has(anchor))
      conflicts.push({
        reason: 'clause-changed-live',
        amendments: distinct.map((run) => run.source.label),
        message: `Points have been added or moved after ${where} in the live text since the base version, where ${act(putting, 'put')} points too.`,
      });
  }
  // A block two amendments move to different places is a conflict too.
  base.forEach((block, i) => {
    const placed = runs.filter((run) => run.indexes.some((j) => run.source.keys[j] === baseKeys[i]));
    const places = new Set(placed.map((run) => `${run.anchor}\u0002${run.signature}`));
    if (places.size > 1)
      conflicts.push({
        reason: 'same-place',
        amendments: placed.map((run) => run.source.label),
        message: `${labels(placed.map((run) => run.source))} move ${block.reference} to different places.`,
        ...(block.kind === 'point' ? { point: { id: block.id, reference: block.reference } } : {}),
      });
  });
  if (conflicts.length > 0) return { clause: null, conflicts: unique(conflicts) };

  // The live clause, with the base blocks it no longer has kept in place until the runs are placed.
  const entries: Entry[] = alignSequences(baseKeys, live.keys).map((aligned) => {
    if (aligned.to === null) {
      const gone = base[aligned.from!]!;
      return { key: baseKeys[aligned.from!]!, ...blockFields(gone), gone: true };
    }
    return { key: live.keys[aligned.to]!, ...blockFields(live.blocks[aligned.to]!), gone: false };
  });
  const deleted = new Set(baseKeys.filter((key) => amendments.some((a) => !a.index.has(key))));
  const placedRuns = new Set<string>();
  for (const run of runs) {
    const id = `${run.anchor}\u0002${run.signature}`;
    if (placedRuns.has(id)) continue;
    placedRuns.add(id);
    const moved = new Map<string, Entry>();
    for (const j of run.indexes) {
      const key = run.source.keys[j]!;
      const at = entries.findIndex((entry) => entry.key === key);
      if (at >= 0) moved.set(key, entries.splice(at, 1)[0]!);
    }
    const after = run.anchor === '^' ? -1 : entries.findIndex((entry) => entry.key === run.anchor);
    const placed = run.indexes.map((j): Entry => {
      const block = run.source.blocks[j]!;
      const existing = moved.get(run.source.keys[j]!);
      return existing
        ? { ...existing, level: block.level }
        : { key: run.source.keys[j]!, ...blockFields(block), gone: false };
    });
    entries.splice(after + 1, 0, ...placed);
  }
  // Words: every base block still standing takes the live changes and every amendment's together.
  const result = entries.filter((entry) => !entry.gone && !deleted.has(entry.key));
  for (const entry of result) {
    const i = baseKeys.indexOf(entry.key);
    if (i < 0) continue;
    const hunks = [live, ...amendments].flatMap((source) => hunksOf(source, i));
    if (hunks.length > 0) entry.paragraph = paragraphFromTokens(applyHunks(baseTokens[i]!, hunks), entry.paragraph);
  }
  if (!blocksFitClause(result, MAX_POINT_LEVELS))
    return {
      clause: null,
      conflicts: [
        {
          reason: 'invalid-result',
          amendments: input.changes.map((c) => c.label),
          message: `Applying ${input.changes.map((c) => c.label).join(', ')} to ${number} does not give a well-formed clause.`,
        },
      ],
    };
  withUniquePointIds(result, input.newId);
  return { clause: clauseFromBlocks(result, { ...input.live.attrs }), conflicts: [] };
}

function blockFields(block: ClauseBlock): Omit<Entry, 'key' | 'gone'> {
  return { kind: block.kind, level: block.level, paragraph: block.paragraph, attrs: { ...block.attrs } };
}

function labels(sources: readonly Source[]): string {
  return sources.map((source) => source.label).join(', ');
}

/** Who does what, agreeing in number: "A-1 deletes", "A-1, A-2 delete". */
function act(sources: readonly Source[], verb: string): string {
  return `${labels(sources)} ${verb}${sources.length === 1 ? 's' : ''}`;
}

function overlapping(a: Hunk[], b: Hunk[]): boolean {
  return a.some((x) => b.some((y) => hunksOverlap(x, y)));
}

function unique(conflicts: ClauseConflict[]): ClauseConflict[] {
  const seen = new Set<string>();
  return conflicts.filter((conflict) => {
    const key = `${conflict.reason}\u0001${conflict.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Gives every point of the merged clause an id of its own: one without (written before ids, or new) or repeated gets a fresh one. */
function withUniquePointIds(entries: Entry[], newId: () => string): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.kind !== 'point') continue;
    const id = entry.attrs.id;
    if (typeof id !== 'string' || !id || seen.has(id)) entry.attrs = { ...entry.attrs, id: newId() };
    seen.add(entry.attrs.id as string);
  }
}
