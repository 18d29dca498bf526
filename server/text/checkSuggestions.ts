import * as Y from 'yjs';
import { isAgreedStatus } from '../../shared/clauses';
import { RefusalCode as Code } from '../../shared/closeCodes';
import { MARKER_NODES } from '../../shared/negotiation';
import { SUGGESTION_MARKS, suggestionAttributesProblem } from '../../shared/suggestions';
import type { Refusal } from './checkChange';
import { isOwnFurtherWording } from './checkMarkers';
import type { ChangeDescription } from './describeChange';
import type { AnyType } from './yjsTree';
import { attributeBefore, closestElement, createdIn, markNameOf, parentOf } from './yjsTree';

/** Who wrote a change, as the suggestion rules need it; null for the server itself. */
export interface Author {
  userId: string;
  /** The delegation (or organisation) they speak for. */
  affiliationId: string;
  /** Whether they may change the text directly anywhere (the chair): then only attribution is checked. */
  editsEverything: boolean;
  /** Whether they may only suggest, everywhere (the chair's facilitator mode). */
  suggestsOnly: boolean;
}

type Attributes = Readonly<Record<string, unknown>>;

/** One character of a text and its formatting, as it was before or is after a change. */
interface Character {
  char: string;
  attributes: Attributes;
}

const SUGGESTION_MARK_NAMES = new Set<string>(Object.values(SUGGESTION_MARKS));
const isSuggestionKey = (key: string): boolean => SUGGESTION_MARK_NAMES.has(markNameOf(key));

function withFormat(attributes: Attributes, key: string, value: unknown): Attributes {
  const next: Record<string, unknown> = { ...attributes };
  if (value === null) delete next[key];
  else next[key] = value;
  return next;
}

/** Whether an item was there before the change, and whether it is there after it. */
function aliveness(item: Y.Item, transaction: Y.Transaction): { before: boolean; after: boolean } {
  const before = !createdIn(item, transaction) && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id));
  return { before, after: !item.deleted };
}

/** Stands for an element (a footnote, a bracket, a paragraph's start) in a view of the words. */
const ELEMENT: Attributes = Object.freeze({});

/**
 * What a reader saw of `scope` (a clause, or a heading) before `transaction` and sees after it,
 * character by character with the formatting on each; every element below it counts as one
 * character. Read while the transaction's deleted content is still there. Items are not compared
 * one by one: the editor's binding rewrites a text by a plain string diff, which may place typed
 * characters on either side of an identical one, and re-creates the texts of a paragraph when an
 * element is put among its words, so only what a reader would see counts.
 */
function scopeViews(scope: AnyType, transaction: Y.Transaction): { before: Character[]; after: Character[] } {
  const before: Character[] = [];
  const after: Character[] = [];
  const walk = (type: AnyType, inBefore: boolean, inAfter: boolean): void => {
    let formatBefore: Attributes = {};
    let formatAfter: Attributes = {};
    for (let item = type._start; item !== null; item = item.right) {
      const alive = aliveness(item, transaction);
      const wasThere = inBefore && alive.before;
      const isThere = inAfter && alive.after;
      if (!wasThere && !isThere) continue;
      const content = item.content;
      if (content instanceof Y.ContentFormat) {
        if (wasThere) formatBefore = withFormat(formatBefore, content.key, content.value);
        if (isThere) formatAfter = withFormat(formatAfter, content.key, content.value);
      } else if (content instanceof Y.ContentString) {
        for (const char of content.str) {
          if (wasThere) before.push({ char, attributes: formatBefore });
          if (isThere) after.push({ char, attributes: formatAfter });
        }
      } else if (content instanceof Y.ContentType) {
        // Brackets and alternatives are judged on their own (checkMarkers): words read the same with or without them.
        if (content.type instanceof Y.XmlElement && !MARKER_NODES.has(content.type.nodeName)) {
          if (wasThere) before.push({ char: '\uFFFC', attributes: ELEMENT });
          if (isThere) after.push({ char: '\uFFFC', attributes: ELEMENT });
        }
        walk(content.type as AnyType, wasThere, isThere);
      }
    }
  };
  const alive = scope._item === null ? { before: true, after: true } : aliveness(scope._item, transaction);
  walk(scope, alive.before, alive.after);
  return { before, after };
}

/**
 * Texts read to the end and found to hold no suggestion, and given none since: typing in a long
 * open clause (a 60,000-character paragraph in the editing trace of BENCHMARKS.md) then costs the
 * keystroke, not the clause. Every change staged on a text must pass {@link forgetTextsGivenSuggestions}.
 */
const withoutSuggestions = new WeakSet<Y.XmlText>();

/**
 * Forgets that the texts this change puts suggestion formatting on held none. Called for every
 * change to the staged text, whoever made it: a client's (from {@link checkSuggestions}), the
 * server's own, and rows another instance stored (`ChangeGate.absorb`).
 */
export function forgetTextsGivenSuggestions(change: ChangeDescription): void {
  for (const format of change.formats) if (isSuggestionKey(format.key)) withoutSuggestions.delete(format.text);
}

/**
 * Whether a text holds (or held, or is given by this change) any suggestion: a formatting item of
 * a suggestion mark among its items, alive or deleted. Counts items, not characters.
 */
function holdsSuggestions(text: Y.XmlText): boolean {
  if (withoutSuggestions.has(text)) return false;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.content instanceof Y.ContentFormat && isSuggestionKey(item.content.key)) return true;
  }
  withoutSuggestions.add(text);
  return false;
}

/** Where a text's words are judged: its clause, or the outermost element it is in (a heading, the title). */
function scopeOf(text: Y.XmlText): AnyType {
  const clause = closestElement(text, 'clause');
  if (clause !== undefined) return clause;
  let current: AnyType = text;
  for (
    let parent = parentOf(current);
    parent !== null && !(parent instanceof Y.XmlFragment);
    parent = parentOf(current)
  )
    current = parent;
  return current;
}

/** The suggestions on a character: formatting key → the suggestion's attributes. */
function suggestionsOn(character: Character): [string, Record<string, unknown>][] {
  return Object.entries(character.attributes).filter(
    (entry): entry is [string, Record<string, unknown>] =>
      SUGGESTION_MARK_NAMES.has(markNameOf(entry[0])) && typeof entry[1] === 'object' && entry[1] !== null,
  );
}

/** The words of every suggestion in a text not written by `userId`, with its attributes: id → what a reader sees of it. */
function othersSuggestions(characters: readonly Character[], userId: string | null): Map<string, string> {
  const words = new Map<string, string>();
  for (const character of characters) {
    for (const [key, attributes] of suggestionsOn(character)) {
      if (attributes.author === userId) continue;
      const id = `${markNameOf(key)} ${JSON.stringify(attributes)}`;
      words.set(id, (words.get(id) ?? '') + character.char);
    }
  }
  return words;
}

/** Every suggestion in a text, by formatting key and attributes. */
function suggestionKeys(characters: readonly Character[]): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const character of characters) {
    for (const [key, attributes] of suggestionsOn(character))
      found.set(`${markNameOf(key)} ${String(attributes.id)}`, attributes);
  }
  return found;
}

/**
 * The text as it would read if `userId`'s own suggestions were all withdrawn: their insertions
 * left out and their deletion marks taken off. Suggesting changes only what this leaves out.
 */
function withoutOwnSuggestions(characters: readonly Character[], userId: string): string {
  const parts: string[] = [];
  for (const character of characters) {
    const own = suggestionsOn(character).filter(([, attributes]) => attributes.author === userId);
    if (own.some(([key]) => markNameOf(key) === SUGGESTION_MARKS.insert)) continue;
    const kept = Object.entries(character.attributes).filter(
      ([key, value]) => !own.some(([ownKey, ownValue]) => ownKey === key && ownValue === value),
    );
    kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    parts.push(JSON.stringify([character.char, kept]));
  }
  return parts.join('');
}

const sameMap = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean =>
  a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);

/** Whether a view holds words and every one of them is in an insertion by `userId`. */
function allOwnInsertion(view: readonly Character[], userId: string): boolean {
  let words = 0;
  for (const character of view) {
    if (character.attributes === ELEMENT) continue;
    words++;
    const own = suggestionsOn(character).some(
      ([key, attributes]) => markNameOf(key) === SUGGESTION_MARKS.insert && attributes.author === userId,
    );
    if (!own) return false;
  }
  return words > 0;
}

/**
 * Whether `clause` is a paragraph `userId` proposes as a whole, before and after `transaction`:
 * each time it is either not there or every word in it is their own insertion. Proposing a new
 * paragraph, changing it and withdrawing it by deleting it are then suggestions like any other
 * (docs/suggestions.md); an empty clause is never one, so nobody adds blank paragraphs by it.
 */
export function isOwnProposedClause(clause: Y.XmlElement, transaction: Y.Transaction, userId: string): boolean {
  const { before, after } = scopeViews(clause, transaction);
  if (before.length === 0 && after.length === 0) return false;
  return (
    (before.length === 0 || allOwnInsertion(before, userId)) && (after.length === 0 || allOwnInsertion(after, userId))
  );
}

/** The scope if it is a clause that was agreed (or agreed ad ref) before the change, with that status. */
function agreedClauseOf(scope: AnyType, transaction: Y.Transaction): { clause: Y.XmlElement; status: string } | null {
  const clause = scope instanceof Y.XmlElement && scope.nodeName === 'clause' ? scope : undefined;
  if (clause === undefined || (clause._item !== null && createdIn(clause._item, transaction))) return null;
  const status = attributeBefore(clause, 'status', transaction) ?? 'open';
  return isAgreedStatus(status) ? { clause, status: String(status) } : null;
}

/**
 * The rules of suggestions, judged on every text a change touched by what a reader would see
 * before and after it (docs/suggestions.md):
 * - a new suggestion carries its author's id, name and delegation: nobody suggests in another's name;
 * - nobody but the chair changes, accepts or removes another person's suggestion;
 * - where the author may only suggest (an agreed clause for a delegate, or everywhere in
 *   facilitator mode), the text less their own suggestions stays exactly as it was: they add and
 *   withdraw their own insertions and deletion marks, and change nothing else.
 * The server's own changes (accepting, rejecting, restoring) are not judged here.
 */
export function checkSuggestions(
  change: ChangeDescription,
  author: Author | null,
  /** The clause's number as people knew it before the change ("OP3"), for the sentence. */
  labelOf: (clause: Y.XmlElement) => string,
): Refusal | null {
  forgetTextsGivenSuggestions(change);
  if (author === null) return null;
  const { transaction } = change;
  // Typing in open text with no suggestion near stays as cheap as before: nothing to judge here.
  const judged =
    author.suggestsOnly ||
    [...change.texts].some((text) => holdsSuggestions(text) || agreedClauseOf(scopeOf(text), transaction) !== null);
  if (!judged) return null;
  const scopes = new Map<AnyType, { before: Character[]; after: Character[] }>();
  for (const text of change.texts) {
    const scope = scopeOf(text);
    if (!scopes.has(scope)) scopes.set(scope, scopeViews(scope, transaction));
  }
  const everything = {
    before: [...scopes.values()].flatMap((v) => v.before),
    after: [...scopes.values()].flatMap((v) => v.after),
  };
  const known = suggestionKeys(everything.before);
  for (const [key, attributes] of suggestionKeys(everything.after)) {
    if (known.has(key)) continue;
    const problem = suggestionAttributesProblem(attributes);
    if (problem !== null) return { code: Code.Schema, reason: `The change was refused: ${problem}.` };
    if (attributes.author !== author.userId || attributes.delegation !== author.affiliationId) {
      return {
        code: Code.NotAllowed,
        reason: 'A suggestion can only be made in your own name and your delegation’s; the change was not applied.',
      };
    }
  }
  if (author.editsEverything) return null;
  // Over everything the change touched at once: moving a clause moves others' suggestions, which is no change to them.
  if (
    !sameMap(othersSuggestions(everything.before, author.userId), othersSuggestions(everything.after, author.userId))
  ) {
    return {
      code: Code.NotAllowed,
      reason:
        'Only the chair can accept, reject or change another delegation’s suggestion; support or oppose it instead. ' +
        'The change was not applied.',
    };
  }
  for (const [scope, { before, after }] of scopes) {
    const agreed = agreedClauseOf(scope, transaction);
    if (!author.suggestsOnly && agreed === null) continue;
    if (withoutOwnSuggestions(before, author.userId) === withoutOwnSuggestions(after, author.userId)) continue;
    if (agreed === null && scope instanceof Y.XmlElement && isOwnFurtherWording(scope, author.userId)) continue;
    if (
      agreed === null &&
      scope instanceof Y.XmlElement &&
      scope.nodeName === 'clause' &&
      isOwnProposedClause(scope, transaction, author.userId)
    )
      continue;
    if (agreed !== null) {
      const words = agreed.status === 'agreed' ? 'agreed' : 'agreed ad referendum';
      return {
        code: Code.AgreedClause,
        reason: `${labelOf(agreed.clause)} is ${words}; only the chair can change its text directly. Suggest a change to its words instead.`,
      };
    }
    return {
      code: Code.NotAllowed,
      reason:
        'The chair has made suggesting the only way to change this draft; switch to suggesting. The change was not applied.',
    };
  }
  return null;
}
