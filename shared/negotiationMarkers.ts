import type { DocumentNodeJSON } from './documentJSON';
import { ALTERNATIVE_NODE, BRACKET_NODE, clauseAlternativeOf } from './negotiation';
import { plainText } from './outline';

/** Who placed a marker, as read from its attributes. */
export interface Placement {
  delegation: string;
  author: string;
  at: string;
}

/** A bracketed span of the text: its words, where it is, and who opened it. */
export interface BracketSpan extends Placement {
  id: string;
  clauseId: string | null;
  text: string;
  /** Whether its closing `]` was found after its opening `[` (an unclosed bracket runs to the end of its clause). */
  closed: boolean;
}

/** One wording of a set of alternatives. */
export interface AlternativeOption extends Placement {
  id: string;
  text: string;
}

/** Competing wordings of one span: Alt 1, Alt 2 … in order. */
export interface AlternativeSet extends Placement {
  id: string;
  clauseId: string | null;
  options: AlternativeOption[];
  closed: boolean;
  /** For wordings of a whole clause, the clauses holding them in order (Alt 1 first); empty for words in a paragraph. */
  clauseIds: string[];
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const placementOf = (attrs: { delegation?: unknown; author?: unknown; at?: unknown } | undefined): Placement => ({
  delegation: str(attrs?.delegation),
  author: str(attrs?.author),
  at: str(attrs?.at),
});

/**
 * Every bracket and set of alternatives in a draft, in text order, with the words each holds as
 * plain text (see `plainText`). The server lists them (who holds a bracket, who supports a
 * wording) and settles them; exports and the editor show them. A marker without its partner is
 * read as running to the end of its clause. Wordings of a whole clause (clauses with an
 * `alternative` attribute, shared/negotiation.ts) are read as sets too, one clause per wording.
 */
export function readMarkers(doc: DocumentNodeJSON): { brackets: BracketSpan[]; alternatives: AlternativeSet[] } {
  const brackets: BracketSpan[] = [];
  const alternatives: AlternativeSet[] = [];
  const openBrackets = new Map<string, BracketSpan>();
  const openSets = new Map<string, AlternativeSet>();
  const wholeSets = new Map<string, AlternativeSet>();
  const write = (words: string): void => {
    for (const span of openBrackets.values()) span.text += words;
    for (const set of openSets.values()) {
      const option = set.options.at(-1);
      if (option) option.text += words;
    }
  };
  const visit = (node: DocumentNodeJSON, clauseId: string | null): void => {
    if (node.type === BRACKET_NODE) {
      const id = str(node.attrs?.id);
      if (node.attrs?.side === 'close') {
        const span = openBrackets.get(id);
        if (span) span.closed = true;
        openBrackets.delete(id);
      } else {
        const span: BracketSpan = { id, clauseId, text: '', closed: false, ...placementOf(node.attrs) };
        brackets.push(span);
        openBrackets.set(id, span);
      }
      return;
    }
    if (node.type === ALTERNATIVE_NODE) {
      const id = str(node.attrs?.id);
      const side = node.attrs?.side;
      if (side === 'close') {
        const set = openSets.get(id);
        if (set) set.closed = true;
        openSets.delete(id);
        return;
      }
      let set = openSets.get(id);
      if (side === 'open' || set === undefined) {
        set = { id, clauseId, options: [], closed: false, clauseIds: [], ...placementOf(node.attrs) };
        alternatives.push(set);
        openSets.set(id, set);
      }
      set.options.push({ id: str(node.attrs?.option), text: '', ...placementOf(node.attrs) });
      return;
    }
    const children = node.content;
    if (children === undefined) {
      write(plainText(node));
      return;
    }
    const inner = node.type === 'clause' ? str(node.attrs?.id) || null : clauseId;
    const wording = node.type === 'clause' ? clauseAlternativeOf(node.attrs?.alternative) : null;
    if (wording !== null && inner !== null) {
      let set = wholeSets.get(wording.set);
      if (set === undefined) {
        set = { id: wording.set, clauseId: inner, options: [], closed: true, clauseIds: [], ...placementOf(wording) };
        wholeSets.set(wording.set, set);
        alternatives.push(set);
      }
      set.clauseIds.push(inner);
      set.options.push({ id: wording.id, text: plainText(node), ...placementOf(wording) });
    }
    const block =
      children.length > 0 && children.every((child) => child.content !== undefined || child.type === 'clause');
    children.forEach((child, index) => {
      if (block && index > 0) write('\n');
      visit(child, inner);
    });
    if (node.type === 'clause') {
      for (const [id, span] of openBrackets) if (span.clauseId === inner) openBrackets.delete(id);
      for (const [id, set] of openSets) if (set.clauseId === inner) openSets.delete(id);
    }
  };
  visit(doc, null);
  for (const span of brackets) span.text = span.text.trim();
  for (const set of alternatives) for (const option of set.options) option.text = option.text.trim();
  return { brackets, alternatives };
}
