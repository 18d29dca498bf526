import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { SuggestionAttributes, SuggestionKind } from '../../shared/suggestions';
import { SUGGESTION_MARKS, suggestionAttributesOf } from '../../shared/suggestions';
import { markNameOf } from '../text/yjsTree';

/** A suggestion as the text holds it: its words gathered from every run marked with its id. */
export interface OpenSuggestion extends SuggestionAttributes {
  kind: SuggestionKind;
  clauseId: string | null;
  text: string;
  /** Every word of its clause carries it: a paragraph proposed as a whole, or proposed for deletion as a whole. */
  wholeParagraph: boolean;
}

const KIND_OF_MARK: Record<string, SuggestionKind> = { insertion: 'insert', deletion: 'delete' };

/** Every open suggestion in a draft's text (as ProseMirror JSON), in text order. */
export function readSuggestions(doc: DocumentNodeJSON): OpenSuggestion[] {
  const found = new Map<string, OpenSuggestion>();
  const wordsIn = new Map<string | null, number>();
  const visit = (node: DocumentNodeJSON, clauseId: string | null): void => {
    const inner = node.type === 'clause' && typeof node.attrs?.id === 'string' ? node.attrs.id : clauseId;
    if (node.type === 'text') {
      wordsIn.set(inner, (wordsIn.get(inner) ?? 0) + (node.text ?? '').length);
      for (const mark of node.marks ?? []) {
        const kind = KIND_OF_MARK[mark.type];
        const attributes = suggestionAttributesOf(mark.attrs);
        if (!kind || !attributes) continue;
        const key = `${kind} ${attributes.id}`;
        const entry = found.get(key) ?? { ...attributes, kind, clauseId: inner, text: '', wholeParagraph: false };
        entry.text += node.text ?? '';
        found.set(key, entry);
      }
    }
    for (const child of node.content ?? []) visit(child, inner);
  };
  visit(doc, null);
  for (const entry of found.values())
    entry.wholeParagraph = entry.clauseId !== null && entry.text.length === wordsIn.get(entry.clauseId);
  return [...found.values()];
}

/** One run of a text carrying a suggestion: where it is, and the formatting key its mark has there. */
interface MarkedRun {
  text: Y.XmlText;
  offset: number;
  length: number;
  key: string;
  /** The characters of the run. */
  words: string;
  /** Whether the run also carries another suggestion's insertion (a deletion accepted leaves those words to it). */
  otherInsertion: boolean;
}

/** The runs of the live text that carry the suggestion `id` of `kind`, last first (so deleting them keeps offsets right). */
export function runsOfSuggestion(doc: Y.Doc, kind: SuggestionKind, id: string): MarkedRun[] {
  const runs: MarkedRun[] = [];
  const mark = SUGGESTION_MARKS[kind];
  const stack: (Y.XmlElement | Y.XmlFragment)[] = [doc.getXmlFragment(DOCUMENT_FIELD)];
  while (stack.length > 0) {
    for (const child of stack.pop()!.toArray()) {
      if (child instanceof Y.XmlElement) {
        stack.push(child);
        continue;
      }
      if (!(child instanceof Y.XmlText)) continue;
      let offset = 0;
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, { id?: unknown }> }[]) {
        const length = typeof op.insert === 'string' ? op.insert.length : 1;
        for (const [key, value] of Object.entries(op.attributes ?? {})) {
          if (markNameOf(key) !== mark || value?.id !== id) continue;
          const otherInsertion = Object.entries(op.attributes ?? {}).some(
            ([other, attrs]) => markNameOf(other) === SUGGESTION_MARKS.insert && attrs?.id !== id,
          );
          const words = typeof op.insert === 'string' ? op.insert : '';
          runs.push({ text: child, offset, length, key, words, otherInsertion });
        }
        offset += length;
      }
    }
  }
  return runs.reverse();
}
