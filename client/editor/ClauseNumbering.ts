import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { Taxonomy } from '../../shared/pillars';
import { changesOnlyText, touchesFootnotes } from './changesOnlyText';
import { clausePillars, deletedNumbers, forEachClause, forEachContainer } from './findClause';
import { annexesOf, forEachDivision, forEachFootnote, forEachPoint } from './findStructure';
import { clauseGutterKey, renderClauseGutter, type ClauseAmendmentsBadge } from './renderClauseGutter';

/** Key of the numbering plugin; its state holds the pillar filter and the gutters' amendment badges. */
export const clauseNumberingPluginKey = new PluginKey<ClauseNumberingState>('clauseNumbering');

/** The numbering plugin's state. */
export interface ClauseNumberingState {
  /** The pillar whose clauses are highlighted (the others dimmed), or null for none. */
  filter: string | null;
  /** The amendment badge of each clause that has one, by clause id (set from outside the document). */
  amendments: ReadonlyMap<string, ClauseAmendmentsBadge>;
  /** The draft's pillars, which the gutters' chips and the pillar commands read. */
  taxonomy: Taxonomy;
  decorations: DecorationSet;
}

/** What a transaction may tell the plugin: any of its parts. */
type ClauseNumberingMeta = {
  filter?: string | null;
  amendments?: ReadonlyMap<string, ClauseAmendmentsBadge>;
  taxonomy?: Taxonomy;
};

const NO_PILLARS = new Taxonomy([]);

/** The draft's pillars as the editor holds them (none until `setTaxonomy`). */
export function taxonomyOf(state: EditorState): Taxonomy {
  return clauseNumberingPluginKey.getState(state)?.taxonomy ?? NO_PILLARS;
}

const NO_AMENDMENTS: ReadonlyMap<string, ClauseAmendmentsBadge> = new Map();

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    clauseNumbering: {
      /** Highlights the clauses tagged with `pillar` and dims the others; null clears the filter. */
      setPillarFilter: (pillar: string | null) => ReturnType;
      /**
       * Shows these amendment badges in the clauses' gutters (by clause id; a clause not in the
       * map shows none). Only gutters whose badge changed are redrawn.
       */
      setClauseAmendments: (amendments: ReadonlyMap<string, ClauseAmendmentsBadge>) => ReturnType;
      /** Gives the editor the draft's pillars (the gutters' chips are redrawn). */
      setTaxonomy: (taxonomy: Taxonomy) => ReturnType;
    };
  }
}

/** The line that stands where a numbered clause was deleted while numbers are frozen: "OP6 [deleted]". */
function renderDeletedNumber(number: string): HTMLElement {
  const line = document.createElement('p');
  line.className = 'deleted-number';
  line.contentEditable = 'false';
  line.dataset.testid = 'deleted-number';
  line.textContent = `${number} [deleted]`;
  return line;
}

/**
 * Numbers, gutters and labels for the whole text: one node decoration per clause (`data-number`,
 * and the filter's `data-filter`), one gutter widget per clause (with the clause's amendment
 * badge from `amendments`, if any), a `data-label` and `data-level` on every point ((a), (i),
 * (A)), a `data-number` on every division ("Part I", "Section A"), a `data-label` on every
 * annex's title ("Annex II") and a `data-number` on every footnote (1, 2 … across the draft).
 * Every label comes from `shared/structure.ts`, counted as the outline counts, so the page can
 * never disagree with the server or an export.
 */
export function buildClauseDecorations(
  doc: ProseMirrorNode,
  filter: string | null,
  amendments: ReadonlyMap<string, ClauseAmendmentsBadge> = NO_AMENDMENTS,
  taxonomy: Taxonomy = NO_PILLARS,
): DecorationSet {
  const decorations: Decoration[] = [];
  forEachClause(doc, (clause, pos, _kind, _index, _annexIndex, number) => {
    const pillars = clausePillars(clause);
    const status = typeof clause.attrs.status === 'string' ? clause.attrs.status : 'open';
    const id = typeof clause.attrs.id === 'string' ? clause.attrs.id : '';
    const attributes: Record<string, string> = { 'data-number': number };
    if (filter !== null) attributes['data-filter'] = pillars.includes(filter) ? 'match' : 'other';
    decorations.push(Decoration.node(pos, pos + clause.nodeSize, attributes, { number }));

    const info = {
      id,
      number,
      pillars: pillars.map((key) => ({ key, pillar: taxonomy.pillar(key) })),
      status,
      amendments: (id === '' ? undefined : amendments.get(id)) ?? null,
    };
    decorations.push(
      Decoration.widget(pos + 1, () => renderClauseGutter(info), {
        side: -1,
        key: clauseGutterKey(info),
        ignoreSelection: true,
        stopEvent: () => true,
      }),
    );

    forEachPoint(clause, pos, (point, from, level, label) => {
      const attrs = { 'data-label': label, 'data-level': String(level) };
      decorations.push(Decoration.node(from, from + point.nodeSize, attrs, { label }));
    });
  });
  // A frozen number whose clause is gone stays in the numbering as a line of its own (docs/numbering.md).
  forEachContainer(doc, ({ node: section, pos: sectionPos, kind, annexIndex }) => {
    for (const gone of deletedNumbers(section, kind, annexIndex)) {
      let at = sectionPos + section.nodeSize - 1;
      section.forEach((child, offset) => {
        if (child.type.name === 'clause' && child.attrs.id === gone.before) at = sectionPos + 1 + offset;
      });
      decorations.push(
        Decoration.widget(at, () => renderDeletedNumber(gone.number), {
          side: -1,
          key: `deleted\u0000${gone.number}`,
          ignoreSelection: true,
        }),
      );
    }
  });
  forEachDivision(doc, ({ node, pos, number }) => {
    decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-number': number }, { division: number }));
  });
  for (const annex of annexesOf(doc)) {
    const title = annex.node.firstChild;
    if (title?.type.name !== 'annexTitle') continue;
    const from = annex.pos + 1;
    decorations.push(
      Decoration.node(from, from + title.nodeSize, { 'data-label': annex.label }, { annex: annex.label }),
    );
  }
  forEachFootnote(doc, (node, pos, number) => {
    const note = typeof node.attrs.note === 'string' ? node.attrs.note : '';
    const attrs = { 'data-number': String(number), title: `Footnote ${number}: ${note}` };
    decorations.push(Decoration.node(pos, pos + node.nodeSize, attrs, { footnote: number }));
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * The clause numbers (PP1 …, OP1 …, A1.1 …), the gutter beside each clause (number, pillar
 * chips, status, amendments) and the labels of points, divisions, annexes and footnotes, derived from the document on every change
 * and never stored in it. Also holds the pillar filter (see `setPillarFilter`) and the amendment
 * badges, which come from the periodic review outside the document (see `setClauseAmendments`).
 */
export const ClauseNumbering = Extension.create<{ taxonomy: Taxonomy }>({
  name: 'clauseNumbering',

  addOptions() {
    // The draft's pillars when the editor is made; `setTaxonomy` follows later changes.
    return { taxonomy: NO_PILLARS };
  },

  addCommands() {
    return {
      setPillarFilter:
        (pillar) =>
        ({ tr, dispatch }) => {
          if (dispatch)
            tr.setMeta(clauseNumberingPluginKey, { filter: pillar } satisfies ClauseNumberingMeta).setMeta(
              'addToHistory',
              false,
            );
          return true;
        },
      setTaxonomy:
        (taxonomy) =>
        ({ tr, dispatch }) => {
          if (dispatch)
            tr.setMeta(clauseNumberingPluginKey, { taxonomy } satisfies ClauseNumberingMeta).setMeta(
              'addToHistory',
              false,
            );
          return true;
        },
      setClauseAmendments:
        (amendments) =>
        ({ tr, dispatch }) => {
          if (dispatch)
            tr.setMeta(clauseNumberingPluginKey, { amendments } satisfies ClauseNumberingMeta).setMeta(
              'addToHistory',
              false,
            );
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const initial = this.options.taxonomy;
    return [
      new Plugin<ClauseNumberingState>({
        key: clauseNumberingPluginKey,
        state: {
          init: (_config, state) => ({
            filter: null,
            amendments: NO_AMENDMENTS,
            taxonomy: initial,
            decorations: buildClauseDecorations(state.doc, null, NO_AMENDMENTS, initial),
          }),
          apply(tr, value, _oldState, newState) {
            const meta = tr.getMeta(clauseNumberingPluginKey) as ClauseNumberingMeta | undefined;
            const filter = meta?.filter !== undefined ? meta.filter : value.filter;
            const amendments = meta?.amendments ?? value.amendments;
            const taxonomy = meta?.taxonomy ?? value.taxonomy;
            const rebuild = () => buildClauseDecorations(newState.doc, filter, amendments, taxonomy);
            if (filter !== value.filter || amendments !== value.amendments || taxonomy !== value.taxonomy)
              return { filter, amendments, taxonomy, decorations: rebuild() };
            if (!tr.docChanged) return value;
            if (changesOnlyText(tr) && !touchesFootnotes(tr))
              return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
            return { ...value, decorations: rebuild() };
          },
        },
        props: {
          decorations(state) {
            return clauseNumberingPluginKey.getState(state)?.decorations ?? null;
          },
        },
      }),
    ];
  },
});
