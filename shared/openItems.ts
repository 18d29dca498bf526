/**
 * What is still open in a text: its suggestions, brackets and alternatives, each with who stands
 * behind it. Compare lists them for both texts (`open` of `GET /api/drafts/:id/compare`), so a
 * reader sees what was settled between them and what is new, and the HTML redline lists them the
 * same way.
 */
import { alignSequences } from './alignBlocks';

export const OPEN_ITEM_KINDS = ['insert', 'delete', 'bracket', 'alternative'] as const;
export type OpenItemKind = (typeof OPEN_ITEM_KINDS)[number];

/** One open suggestion, bracket or set of alternatives of a text. */
export interface OpenItem {
  /** The same on both sides of a compare: `insert:<id>`, `delete:<id>`, `bracket:<id>`, `alternative:<set id>`. */
  key: string;
  clauseId: string | null;
  /** The clause's number in this text ("OP3"), or null outside a clause. */
  number: string | null;
  kind: OpenItemKind;
  /** The words suggested or bracketed; for alternatives, the wordings joined by " / ". */
  text: string;
  /**
   * Who stands behind it: the delegation of a suggestion, the delegations holding a bracket open
   * ("nobody" when all left it), or each wording with who proposed and supports it
   * ("Alt 1 “should” (Republic of Valdoria) · Alt 2 …").
   */
  by: string;
}

/** The open items of the two texts of a compare. */
export interface OpenItems {
  from: OpenItem[];
  to: OpenItem[];
}

/** An item open in both texts, only in the older one (settled since), or only in the newer one. */
export type OpenStatus = 'still-open' | 'settled' | 'new';

/** One item of a compare with its status: as the newer text has it, or as the older one had it when settled. */
export interface OpenEntry {
  status: OpenStatus;
  item: OpenItem;
}

/** The entries of one clause (or of the text outside clauses, `clauseId` null), under its number. */
export interface OpenGroup {
  clauseId: string | null;
  number: string | null;
  entries: OpenEntry[];
}

/**
 * The open items of both texts by clause, in the order of the newer text, an item settled since
 * standing where it stood. A clause is headed by its number in the newer text when it has one there.
 */
export function groupOpenItems(open: OpenItems): OpenGroup[] {
  const toKeys = new Set(open.to.map((item) => item.key));
  const fromKeys = new Set(open.from.map((item) => item.key));
  const groups = new Map<string | null, OpenGroup>();
  const aligned = alignSequences(
    open.from.map((item) => item.key),
    open.to.map((item) => item.key),
  );
  for (const entry of aligned) {
    const item = entry.to !== null ? open.to[entry.to]! : open.from[entry.from!]!;
    const status: OpenStatus = !toKeys.has(item.key) ? 'settled' : fromKeys.has(item.key) ? 'still-open' : 'new';
    const group = groups.get(item.clauseId) ?? { clauseId: item.clauseId, number: item.number, entries: [] };
    if (status !== 'settled' && group.entries.every((other) => other.status === 'settled')) group.number = item.number;
    group.entries.push({ status, item });
    groups.set(item.clauseId, group);
  }
  return [...groups.values()];
}

/** "still open", "settled since Rev.1", "new since Rev.1". */
export function openStatusLabel(status: OpenStatus, fromLabel: string): string {
  return status === 'still-open' ? 'still open' : `${status} since ${fromLabel}`;
}

/** What an item is, in a few words: "Insert “and clinics”", "Delete “promptly”", "[promptly]", "Alternatives". */
export function openItemWhat(item: OpenItem): string {
  switch (item.kind) {
    case 'insert':
      return `Insert “${item.text.trim()}”`;
    case 'delete':
      return `Delete “${item.text.trim()}”`;
    case 'bracket':
      return `[${item.text}]`;
    case 'alternative':
      return 'Alternatives';
  }
}

/** Who stands behind an item, as a phrase after {@link openItemWhat}. */
export function openItemWho(item: OpenItem): string {
  switch (item.kind) {
    case 'insert':
    case 'delete':
      return `suggested by ${item.by}`;
    case 'bracket':
      return `held open by ${item.by}`;
    case 'alternative':
      return item.by;
  }
}
