import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ALTERNATIVE_NODE, BRACKET_NODE, alternativeLabel } from '../../shared/negotiation';

/** What a marker says on hover, by bracket id or by wording (option) id: who holds or supports it. */
export type MarkerTitles = ReadonlyMap<string, string>;

interface MarkerLabelsState {
  titles: MarkerTitles;
  decorations: DecorationSet;
}

const markerLabelsKey = new PluginKey<MarkerLabelsState>('markerLabels');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    markerLabels: {
      /** Who holds each bracket and supports each wording, shown when the pointer rests on its marker. */
      setMarkerTitles: (titles: MarkerTitles) => ReturnType;
    };
  }
}

/**
 * "Alt 1", "Alt 2" … on each wording's marker, numbered in order within its set as the text reads
 * them, and on every marker who holds the bracket or supports the wording (`titles`).
 */
export function buildMarkerLabels(doc: ProseMirrorNode, titles: MarkerTitles = new Map()): DecorationSet {
  const decorations: Decoration[] = [];
  const counts = new Map<unknown, number>();
  doc.descendants((node, pos) => {
    const name = node.type.name;
    if (name === BRACKET_NODE) {
      const title = titles.get(String(node.attrs.id));
      if (title) decorations.push(Decoration.node(pos, pos + node.nodeSize, { title }));
      return;
    }
    if (name !== ALTERNATIVE_NODE || node.attrs.side === 'close') return;
    const index = counts.get(node.attrs.id) ?? 0;
    counts.set(node.attrs.id, index + 1);
    const title = titles.get(String(node.attrs.option));
    decorations.push(
      Decoration.node(pos, pos + node.nodeSize, { 'data-label': alternativeLabel(index), ...(title ? { title } : {}) }),
    );
  });
  return DecorationSet.create(doc, decorations);
}

/** Labels the markers of brackets and alternatives in the text (`buildMarkerLabels`), kept as the text changes. */
export const MarkerLabels = Extension.create({
  name: 'markerLabels',

  addCommands() {
    return {
      setMarkerTitles:
        (titles) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(markerLabelsKey, titles).setMeta('addToHistory', false);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<MarkerLabelsState>({
        key: markerLabelsKey,
        state: {
          init: (_config, state) => ({ titles: new Map(), decorations: buildMarkerLabels(state.doc) }),
          apply: (tr, value) => {
            const titles = (tr.getMeta(markerLabelsKey) as MarkerTitles | undefined) ?? value.titles;
            if (titles === value.titles && !tr.docChanged) return value;
            return { titles, decorations: buildMarkerLabels(tr.doc, titles) };
          },
        },
        props: {
          decorations: (state) => markerLabelsKey.getState(state)?.decorations ?? null,
        },
      }),
    ];
  },
});
