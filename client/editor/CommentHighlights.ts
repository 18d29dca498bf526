import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { decodePosition, resolveSpan } from './commentAnchors';
import { forEachClause } from './findClause';
import { findPointsById } from './pointAround';
import { isRemoteChange } from './isRemoteChange';
import { commentGutterKey, renderCommentGutter } from './renderCommentGutter';

/** One thread as the text shows it: where it is anchored and whether it is resolved. */
export interface CommentHighlight {
  threadId: string;
  clauseId: string;
  /** The encoded relative positions of a span anchor; null for a whole-clause or whole-point thread. */
  span: { from: string; to: string } | null;
  /** The point of a whole-point thread (found by id wherever it is); absent for others. */
  pointId?: string;
  resolved: boolean;
}

/** What the page tells the text about its comments. */
export interface CommentHighlightsInput {
  /** The threads the margin shows (those passing its filter). */
  highlights: readonly CommentHighlight[];
  /** Threads per clause id, for the markers right of the clauses. */
  counts: ReadonlyMap<string, number>;
  /** Whether the reader may comment now (clauses without threads then offer to start one). */
  canComment: boolean;
  /** The span being commented on in the composer, shown while it is open; null for none. */
  pending: { clauseId: string; from: string; to: string } | null;
  /** The point being commented on in the composer, shown while it is open; absent for none. */
  pendingPoint?: string;
}

/** The plugin's state. */
export interface CommentHighlightsState {
  input: CommentHighlightsInput;
  /** Relative positions decoded once per input, by thread id (`pending` for the composer's span). */
  positions: ReadonlyMap<string, { clauseId: string; from: Y.RelativePosition; to: Y.RelativePosition }>;
  active: string | null;
  /** Where each shown span is now, by thread id. */
  ranges: ReadonlyMap<string, { from: number; to: number }>;
  decorations: DecorationSet;
  /** Whether a local structural change was mapped, not resolved: a fresh resolution follows. */
  stale: boolean;
}

/** Key of the comment highlights plugin. */
export const commentHighlightsKey = new PluginKey<CommentHighlightsState>('commentHighlights');

/** The id the composer's pending span has among the ranges. */
export const PENDING_SPAN_ID = 'pending';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    commentHighlights: {
      /** Shows these threads in the text: highlights on their spans and counts beside their clauses. */
      setCommentHighlights: (input: CommentHighlightsInput) => ReturnType;
      /** Emphasises one thread's highlight (the one open in the margin), or none. */
      setActiveCommentThread: (threadId: string | null) => ReturnType;
    };
  }
}

type Meta = { input: CommentHighlightsInput } | { active: string | null } | { rebuild: true };

const emptyInput: CommentHighlightsInput = { highlights: [], counts: new Map(), canComment: false, pending: null };

function decodeAll(input: CommentHighlightsInput): CommentHighlightsState['positions'] {
  const positions = new Map<string, { clauseId: string; from: Y.RelativePosition; to: Y.RelativePosition }>();
  const add = (id: string, clauseId: string, span: { from: string; to: string }) => {
    const from = decodePosition(span.from);
    const to = decodePosition(span.to);
    if (from && to) positions.set(id, { clauseId, from, to });
  };
  for (const highlight of input.highlights)
    if (highlight.span) add(highlight.threadId, highlight.clauseId, highlight.span);
  if (input.pending) add(PENDING_SPAN_ID, input.pending.clauseId, input.pending);
  return positions;
}

/** Resolves every span against the live text and draws highlights and clause markers (exported for tests). */
export function buildCommentHighlights(
  state: EditorState,
  input: CommentHighlightsInput,
  positions: CommentHighlightsState['positions'],
  active: string | null,
): Pick<CommentHighlightsState, 'ranges' | 'decorations'> {
  const doc = state.doc;
  const decorations: Decoration[] = [];
  const ranges = new Map<string, { from: number; to: number }>();
  const resolvedIds = new Set(
    input.highlights.filter((highlight) => highlight.resolved).map((highlight) => highlight.threadId),
  );
  for (const [id, position] of positions) {
    const range = resolveSpan(state, position.clauseId, position.from, position.to);
    if (range === null) continue;
    ranges.set(id, range);
    const classes = ['comment-highlight'];
    if (id === PENDING_SPAN_ID) classes.push('comment-highlight--pending');
    if (resolvedIds.has(id)) classes.push('comment-highlight--resolved');
    if (id === active) classes.push('comment-highlight--active');
    // `nodeName` gives every thread a span of its own, so overlapping threads keep their ids.
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        { nodeName: 'span', class: classes.join(' '), 'data-comment-id': id },
        { threadId: id, inclusiveStart: false, inclusiveEnd: false },
      ),
    );
  }
  drawPoints(state, input, active, decorations, ranges);
  const activeClause =
    active === null ? null : (input.highlights.find((highlight) => highlight.threadId === active)?.clauseId ?? null);
  forEachClause(doc, (clause, pos, _kind, _index, _annexIndex, number) => {
    const clauseId = typeof clause.attrs.id === 'string' ? clause.attrs.id : '';
    if (clauseId === '') return;
    const count = input.counts.get(clauseId) ?? 0;
    if (count === 0 && !input.canComment) return;
    const info = {
      clauseId,
      number,
      count,
      canComment: input.canComment,
      active: clauseId === activeClause,
    };
    decorations.push(
      Decoration.widget(pos + 1, () => renderCommentGutter(info), {
        side: -1,
        key: commentGutterKey(info),
        ignoreSelection: true,
        stopEvent: () => true,
      }),
    );
  });
  return { ranges, decorations: DecorationSet.create(doc, decorations) };
}

/**
 * Whole-point threads: the point is marked (its own element, with the thread's id, so a click on
 * it opens the thread), and its words are the thread's range for aligning the card. The
 * composer's point is marked as pending.
 */
function drawPoints(
  state: EditorState,
  input: CommentHighlightsInput,
  active: string | null,
  decorations: Decoration[],
  ranges: Map<string, { from: number; to: number }>,
): void {
  const threads = input.highlights.filter((highlight) => highlight.pointId !== undefined);
  const wanted = new Set(threads.map((highlight) => highlight.pointId!));
  if (input.pendingPoint !== undefined) wanted.add(input.pendingPoint);
  const found = findPointsById(state.doc, wanted);
  const draw = (id: string, pointId: string, classes: string[]) => {
    const point = found.get(pointId);
    if (!point) return;
    const words = point.node.firstChild;
    ranges.set(id, { from: point.pos + 2, to: point.pos + 2 + (words?.content.size ?? 0) });
    decorations.push(
      Decoration.node(point.pos, point.pos + point.node.nodeSize, {
        class: ['comment-point', ...classes].join(' '),
        'data-comment-id': id,
      }),
    );
  };
  for (const highlight of threads) {
    const classes = [];
    if (highlight.resolved) classes.push('comment-point--resolved');
    if (highlight.threadId === active) classes.push('comment-point--active');
    draw(highlight.threadId, highlight.pointId!, classes);
  }
  if (input.pendingPoint !== undefined) draw(PENDING_SPAN_ID, input.pendingPoint, ['comment-point--pending']);
}

/** Whether a change only typed or deleted text inside one textblock: then mapping the highlights is exact. */
function changesOnlyText(tr: Transaction): boolean {
  return tr.steps.every((step, index) => {
    if (!(step instanceof ReplaceStep)) return false;
    const { slice } = step;
    if (slice.openStart !== 0 || slice.openEnd !== 0) return false;
    let inline = true;
    slice.content.forEach((node: ProseMirrorNode) => {
      if (!node.isInline) inline = false;
    });
    const doc = tr.docs[index]!;
    const $from = doc.resolve(step.from);
    return inline && $from.parent.isTextblock && $from.sameParent(doc.resolve(step.to));
  });
}

/** Where each shown span is now, by thread id: for aligning threads in the margin with their words. */
export function commentRanges(state: EditorState): ReadonlyMap<string, { from: number; to: number }> {
  return commentHighlightsKey.getState(state)?.ranges ?? new Map();
}

/**
 * Comments in the text: a highlight on the words of each thread the margin shows (its own span,
 * with `data-comment-id`, the active one emphasised), a mark on each point a thread is about and,
 * right of each clause, the number of its threads or a button to start one.
 *
 * Spans are Yjs relative positions, resolved through the editor's Yjs binding, so a highlight
 * covers exactly the words the server resolves for the same anchor. They are resolved again after
 * every change that comes through Yjs (when the binding's mapping is up to date); a local change
 * maps them, exactly for typing, and is followed by a fresh resolution for anything structural.
 */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',

  addCommands() {
    return {
      setCommentHighlights:
        (input) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(commentHighlightsKey, { input } satisfies Meta).setMeta('addToHistory', false);
          return true;
        },
      setActiveCommentThread:
        (threadId) =>
        ({ tr, dispatch }) => {
          if (dispatch)
            tr.setMeta(commentHighlightsKey, { active: threadId } satisfies Meta).setMeta('addToHistory', false);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    let frame: number | null = null;
    return [
      new Plugin<CommentHighlightsState>({
        key: commentHighlightsKey,
        state: {
          init: (_config, state) => ({
            input: emptyInput,
            positions: new Map(),
            active: null,
            stale: false,
            ...buildCommentHighlights(state, emptyInput, new Map(), null),
          }),
          apply(tr, value, _oldState, newState) {
            const meta = tr.getMeta(commentHighlightsKey) as Meta | undefined;
            if (meta !== undefined) {
              const input = 'input' in meta ? meta.input : value.input;
              const positions = 'input' in meta ? decodeAll(meta.input) : value.positions;
              const active = 'active' in meta ? meta.active : value.active;
              return {
                input,
                positions,
                active,
                stale: false,
                ...buildCommentHighlights(newState, input, positions, active),
              };
            }
            if (!tr.docChanged) return value;
            if (isRemoteChange(tr))
              return {
                ...value,
                stale: false,
                ...buildCommentHighlights(newState, value.input, value.positions, value.active),
              };
            const ranges = new Map<string, { from: number; to: number }>();
            for (const [id, range] of value.ranges) {
              const from = tr.mapping.map(range.from, 1);
              const to = tr.mapping.map(range.to, -1);
              if (to > from) ranges.set(id, { from, to });
            }
            return {
              ...value,
              ranges,
              stale: value.stale || !changesOnlyText(tr),
              decorations: value.decorations.map(tr.mapping, tr.doc),
            };
          },
        },
        props: {
          decorations(state) {
            return commentHighlightsKey.getState(state)?.decorations ?? null;
          },
        },
        view: () => ({
          update(view) {
            // After a local structural change (a clause moved, split or joined), resolve again
            // once the binding has written it to Yjs, so spans are exact rather than mapped.
            if (frame !== null || !commentHighlightsKey.getState(view.state)?.stale) return;
            frame = requestAnimationFrame(() => {
              frame = null;
              if (view.isDestroyed) return;
              view.dispatch(
                view.state.tr
                  .setMeta(commentHighlightsKey, { rebuild: true } satisfies Meta)
                  .setMeta('addToHistory', false),
              );
            });
          },
          destroy() {
            if (frame !== null) cancelAnimationFrame(frame);
            frame = null;
          },
        }),
      }),
    ];
  },
});
