import type { DocumentNodeJSON } from '../../shared/documentJSON';
import type { Named } from '../../shared/negotiation';
import type { OpenItem } from '../../shared/openItems';
import type { Outline } from '../../shared/outline';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import type { Storage } from '../storage/Storage';
import { readSuggestions } from '../suggestions/readSuggestions';
import { MarkerService } from './MarkerService';
import { namesOf } from './names';

/** A text to read open items from: the live text's or a version's document and outline. */
export interface TextWithOutline {
  document: DocumentNodeJSON;
  outline: Outline;
}

const list = (named: readonly Named[]): string => named.map((entry) => entry.name).join(', ');

/**
 * Every open suggestion, bracket and set of alternatives of a text, attributed, in the order of
 * its clauses (suggestions, then brackets, then alternatives within a clause). Who holds a
 * bracket and who supports a wording are read as they stand now, for any text: the database
 * keeps only the present. Compare lists these for both its texts; the negotiation export lists
 * the brackets and alternatives.
 */
export async function openItemsOf(
  storage: Storage,
  registry: DocumentRegistry,
  draftId: string,
  text: TextWithOutline,
): Promise<OpenItem[]> {
  const names = await namesOf(storage, []);
  const numbers = new Map(text.outline.clauses.map((clause) => [clause.id, clause.number]));
  const numberOf = (clauseId: string | null) => (clauseId === null ? null : (numbers.get(clauseId) ?? null));
  const markers = await new MarkerService(storage, registry).listIn(draftId, text.document, text.outline);
  const items: OpenItem[] = [
    ...readSuggestions(text.document).map((suggestion) => ({
      key: `${suggestion.kind}:${suggestion.id}`,
      clauseId: suggestion.clauseId,
      number: numberOf(suggestion.clauseId),
      kind: suggestion.kind,
      text: suggestion.text,
      by: names.affiliation(suggestion.delegation).name,
    })),
    ...markers.brackets.map((bracket) => ({
      key: `bracket:${bracket.id}`,
      clauseId: bracket.clauseId,
      number: bracket.clauseNumber,
      kind: 'bracket' as const,
      text: bracket.text,
      by: list(bracket.holders) || 'nobody',
    })),
    ...markers.alternatives.map((set) => ({
      key: `alternative:${set.id}`,
      clauseId: set.clauseId,
      number: set.clauseNumber,
      kind: 'alternative' as const,
      text: set.options.map((option) => option.text).join(' / '),
      by: set.options
        .map(
          (option) =>
            `${option.label} “${option.text}” (${option.proposedBy.delegation.name}` +
            `${option.supporters.length > 0 ? `; supported by ${list(option.supporters)}` : ''})`,
        )
        .join(' · '),
    })),
  ];
  const order = new Map(text.outline.clauses.map((clause, index) => [clause.id, index]));
  const outside = order.size;
  const place = (item: OpenItem) => (item.clauseId === null ? outside : (order.get(item.clauseId) ?? outside));
  return items.sort((a, b) => place(a) - place(b));
}
