import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ALTERNATIVE_NODE, alternativeLabel } from '../../shared/negotiation';

const markerLabelsKey = new PluginKey<DecorationSet>('markerLabels');

/** "Alt 1", "Alt 2" … on each wording's marker, numbered in order within its set, as the text reads them. */
export function buildMarkerLabels(doc: ProseMirrorNode): DecorationSet {
  const decorations: Decoration[] = [];
  const counts = new Map<unknown, number>();
  doc.descendants((node, pos) => {
    if (node.type.name !== ALTERNATIVE_NODE || node.attrs.side === 'close') return;
    const index = counts.get(node.attrs.id) ?? 0;
    counts.set(node.attrs.id, index + 1);
    decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-label': alternativeLabel(index) }));
  });
  return DecorationSet.create(doc, decorations);
}

/** Labels the wordings of alternatives in the text (`buildMarkerLabels`), kept as the text changes. */
export const MarkerLabels = Extension.create({
  name: 'markerLabels',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: markerLabelsKey,
        state: {
          init: (_config, state) => buildMarkerLabels(state.doc),
          apply: (tr, value) => (tr.docChanged ? buildMarkerLabels(tr.doc) : value),
        },
        props: {
          decorations: (state) => markerLabelsKey.getState(state) ?? null,
        },
      }),
    ];
  },
});
