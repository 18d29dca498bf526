import type { Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';
import type { ClauseKind } from '../../shared/clauses';
import { clauseNumber, isAgreedStatus } from '../../shared/clauses';
import type { RefusalCode } from '../../shared/closeCodes';
import { RefusalCode as Code } from '../../shared/closeCodes';
import { POINT_NODE, pointDepthProblem } from '../../shared/documentLimits';
import { MARKER_NODES } from '../../shared/negotiation';
import { NUMBERING_ATTRIBUTE, displayNumbers, isFrozenNumbering } from '../../shared/numbering';
import {
  MAX_CLAUSE_CHARACTERS,
  MAX_CLAUSES_PER_DRAFT,
  MAX_DOCUMENT_CHARACTERS,
  MAX_NESTING_DEPTH,
  formatCount,
} from '../../shared/limits';
import type { Role } from '../../shared/roles';
import { can } from '../../shared/roles';
import { checkAttributes, checkChildren, checkFormat, nodeTypeOf } from './checkNode';
import { checkMarkers, isOwnFurtherWording } from './checkMarkers';
import type { Author } from './checkSuggestions';
import { checkSuggestions, isOwnProposedClause } from './checkSuggestions';
import type { ChangeDescription, ClauseTouch } from './describeChange';
import type { AnyType } from './yjsTree';
import { attributeBefore, charactersUnder, closestElement, countClauses, createdIn, parentOf } from './yjsTree';

/** Why a change is refused: a named code and a sentence with the particulars. */
export interface Refusal {
  code: RefusalCode;
  reason: string;
}

/** What a change is checked against besides itself. */
export interface ChangeContext {
  /** The sender's role on the draft. */
  role: Role;
  schema: Schema;
  fragment: Y.XmlFragment;
  /** Characters in the whole text once the change is applied. */
  documentCharacters: number;
  /** Who wrote the change, for the rules of suggestions; null for the server's own changes. */
  author: Author | null;
  /** The keys of the draft's pillars; a tag a change adds must be one (null: not checked). */
  pillars: ReadonlySet<string> | null;
}

/** Refused to anyone whose role does not allow changing the text. */
export const READ_ONLY_REFUSAL: Refusal = {
  code: Code.NotAllowed,
  reason: 'Your role on this draft does not allow changing the text. The change was not applied.',
};

/** Refused to everyone while the stored text cannot be read. */
export const UNREADABLE_REFUSAL: Refusal = {
  code: Code.Unreadable,
  reason: 'The stored text of this draft cannot be read; nobody can change it until the chair restores a good state.',
};

/** Attributes of a clause that are not its words: a delegate may retag an agreed clause. */
const TAGS = new Set(['pillars']);

const KINDS: Record<string, ClauseKind> = { preamble: 'preambular', operative: 'operative', annex: 'annex' };

/**
 * The clause's number before the change ("OP3", "A1.2"), counting the clauses of its section as
 * they were then, so a deleted or moved clause is named as people knew it; "a clause" outside a
 * section.
 */
function clauseLabel(clause: Y.XmlElement, transaction: Y.Transaction): string {
  const section = parentOf(clause);
  if (!(section instanceof Y.XmlElement) || KINDS[section.nodeName] === undefined) return 'a clause';
  const kind = KINDS[section.nodeName]!;
  const existedBefore = (item: Y.Item): boolean =>
    !createdIn(item, transaction) && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id));
  const before = clause._item !== null && existedBefore(clause._item);
  const annexIndex = kind === 'annex' ? annexIndexOf(section) : 0;
  const ids: string[] = [];
  let index = -1;
  for (let item = section._start; item !== null; item = item.right) {
    const type: unknown = item.content instanceof Y.ContentType ? item.content.type : null;
    if (item === clause._item) index = ids.length;
    const counts = item === clause._item || (before ? existedBefore(item) : !item.deleted);
    if (counts && type instanceof Y.XmlElement && type.nodeName === 'clause')
      ids.push(String(attributeBefore(type, 'id', transaction) ?? type.getAttribute('id') ?? ''));
  }
  if (index < 0) return 'a clause';
  // Frozen numbers ("OP5 bis") are the ones people cite (shared/numbering.ts).
  const frozen = attributeBefore(section, NUMBERING_ATTRIBUTE, transaction);
  if (isFrozenNumbering(frozen)) return displayNumbers(kind, annexIndex, ids, frozen).numbers[index] ?? 'a clause';
  return clauseNumber(kind, index, annexIndex);
}

/** Which annex of the draft (0-based) `annex` is now. */
function annexIndexOf(annex: Y.XmlElement): number {
  let index = 0;
  for (let item = annex._item?.left ?? null; item !== null; item = item.left) {
    const type: unknown = item.content instanceof Y.ContentType ? item.content.type : null;
    if (!item.deleted && type instanceof Y.XmlElement && type.nodeName === 'annex') index++;
  }
  return index;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Tags a change adds must name pillars of the draft: a clause's new or changed `pillars` may keep
 * a key the draft no longer has (it was there before) but not gain one.
 */
function checkPillars(touch: ClauseTouch, pillars: ReadonlySet<string>, transaction: Y.Transaction): Refusal | null {
  if (touch.deleted || (!touch.isNew && !touch.attributes.has('pillars'))) return null;
  const now = touch.clause.getAttribute('pillars') as unknown;
  if (!Array.isArray(now)) return null;
  const before = touch.isNew ? [] : touch.attributes.get('pillars');
  const had = new Set(Array.isArray(before) ? (before as unknown[]) : []);
  const unknown = now.filter((key) => !had.has(key) && !pillars.has(key as string));
  if (unknown.length === 0) return null;
  return {
    code: Code.Schema,
    reason: `${unknown.map((key) => `“${String(key)}”`).join(', ')} is not a pillar of this draft; ${clauseLabel(touch.clause, transaction)} was not tagged.`,
  };
}

/** Who may agree a clause, reopen it, or record who did: the chair. */
function checkStatus(touch: ClauseTouch, role: Role, transaction: Y.Transaction): Refusal | null {
  const { clause } = touch;
  const statusNow = touch.deleted ? touch.statusBefore : (clause.getAttribute('status') ?? 'open');
  const recordChanged = touch.isNew
    ? clause.getAttribute('statusBy') != null || clause.getAttribute('statusAt') != null
    : ['statusBy', 'statusAt'].some(
        (key) => touch.attributes.has(key) && !same(touch.attributes.get(key), clause.getAttribute(key)),
      );
  if ((same(statusNow, touch.statusBefore) && !recordChanged) || can(role, 'clause:set-status')) return null;
  return {
    code: Code.NotAllowed,
    reason: `Only the chair can agree a clause or reopen it; the status of ${clauseLabel(clause, transaction)} was not changed.`,
  };
}

/**
 * Who may change a clause once it is agreed (its structure; deleting or moving it): the chair.
 * Its words and marks others change only by suggesting, which `checkSuggestions` judges; in
 * facilitator mode (`suggestsOnly`) every clause is held so for everyone but the chair.
 */
function checkAgreedClause(
  touch: ClauseTouch,
  role: Role,
  transaction: Y.Transaction,
  author: Author | null,
): Refusal | null {
  const suggestsOnly = author?.suggestsOnly ?? false;
  const locked = isAgreedStatus(touch.statusBefore) || suggestsOnly;
  if (touch.isNew || !locked || can(role, 'clause:edit-agreed')) return null;
  const { clause } = touch;
  if (!isAgreedStatus(touch.statusBefore)) {
    if (!touch.deleted && !touch.structureChanged) return null;
    if (author !== null && isOwnProposedClause(clause, transaction, author.userId)) return null;
    return {
      code: Code.NotAllowed,
      reason: `The chair has made suggesting the only way to change this draft; ${clauseLabel(clause, transaction)} was not changed.`,
    };
  }
  const words = touch.statusBefore === 'agreed' ? 'agreed' : 'agreed ad referendum';
  if (touch.deleted) {
    return {
      code: Code.AgreedClause,
      reason: `${clauseLabel(clause, transaction)} is ${words}; only the chair can delete or move it.`,
    };
  }
  const attributes = [...touch.attributes].filter(
    ([key, before]) => !TAGS.has(key) && key !== 'status' && !same(before, clause.getAttribute(key)),
  );
  if (touch.structureChanged || attributes.length > 0) {
    return {
      code: Code.AgreedClause,
      reason: `${clauseLabel(clause, transaction)} is ${words}; only the chair can change its text. Suggest a change to its words or comment on it.`,
    };
  }
  return null;
}

const CONTAINERS = new Set(['preamble', 'operative', 'annex']);

/** Only the chair freezes, changes or lifts the numbering of a container (shared/numbering.ts). */
function checkNumbering(change: ChangeDescription, context: ChangeContext): Refusal | null {
  if (can(context.role, 'draft:renumber')) return null;
  const touched = [...change.attributesChanged].some(
    (element) =>
      CONTAINERS.has(element.nodeName) &&
      !same(
        attributeBefore(element, NUMBERING_ATTRIBUTE, change.transaction),
        element.getAttribute(NUMBERING_ATTRIBUTE),
      ),
  );
  const created = change.newTypes.some(
    (type) =>
      type instanceof Y.XmlElement && CONTAINERS.has(type.nodeName) && type.getAttribute(NUMBERING_ATTRIBUTE) != null,
  );
  if (!touched && !created) return null;
  return {
    code: Code.NotAllowed,
    reason: 'Only the chair freezes or renumbers the paragraphs; the change was not applied.',
  };
}

/**
 * In facilitator mode only the chair changes the text's structure: others may not add clauses,
 * points or headings, or change anything outside the words of clauses (which they suggest). A
 * paragraph they propose as a whole (every word their own insertion) is a suggestion: they add it,
 * change it and withdraw it like any other; a wording of a whole clause of their own (Alt 2) they
 * add and write as they wish, as they place brackets.
 */
function checkFacilitatorMode(change: ChangeDescription, context: ChangeContext): Refusal | null {
  if (!context.author?.suggestsOnly || can(context.role, 'clause:edit-agreed')) return null;
  const { userId } = context.author;
  const { transaction } = change;
  const outsideClauses = (type: AnyType): boolean => closestElement(type, 'clause') === undefined;
  const proposed = new Map<Y.XmlElement, boolean>();
  const inOwnProposal = (type: AnyType): boolean => {
    const clause = closestElement(type, 'clause');
    if (clause === undefined) return false;
    if (!proposed.has(clause))
      proposed.set(clause, isOwnFurtherWording(clause, userId) || isOwnProposedClause(clause, transaction, userId));
    return proposed.get(clause)!;
  };
  // A section whose clauses changed only by paragraphs the sender proposes (added, or withdrawn).
  const onlyProposalsChanged = (section: Y.XmlElement | Y.XmlFragment): boolean => {
    for (let item = section._start; item !== null; item = item.right) {
      const added = createdIn(item, transaction) && !item.deleted;
      const removed = !createdIn(item, transaction) && item.deleted && Y.isDeleted(transaction.deleteSet, item.id);
      if (!added && !removed) continue;
      const child = item.content instanceof Y.ContentType ? item.content.type : null;
      if (!(child instanceof Y.XmlElement) || child.nodeName !== 'clause' || !inOwnProposal(child)) return false;
    }
    return true;
  };
  // Brackets and alternatives stay open to everyone: they are how a delegation holds words open.
  const structural =
    change.newTypes.some(
      (type) => type instanceof Y.XmlElement && !MARKER_NODES.has(type.nodeName) && !inOwnProposal(type),
    ) ||
    [...change.childrenChanged].some((section) => outsideClauses(section) && !onlyProposalsChanged(section)) ||
    [...change.attributesChanged].some(outsideClauses) ||
    [...change.texts].some(outsideClauses);
  if (!structural) return null;
  return {
    code: Code.NotAllowed,
    reason:
      'The chair has made suggesting the only way to change this draft: only the chair adds or removes clauses, points and headings.',
  };
}

/** Depth of elements below the document, remembered along the way so deep new trees cost one pass. */
function depthOf(type: AnyType, fragment: Y.XmlFragment, known: Map<AnyType, number>): number {
  const path: AnyType[] = [];
  let current: AnyType | null = type;
  let depth = 0;
  while (current !== null && current !== fragment) {
    const memo = known.get(current);
    if (memo !== undefined) {
      depth = memo;
      break;
    }
    path.push(current);
    current = parentOf(current);
  }
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i] instanceof Y.XmlElement) depth++;
    known.set(path[i]!, depth);
  }
  return depth;
}

function schemaRefusal(problem: string): Refusal {
  return { code: Code.Schema, reason: `The change was refused: ${problem}.` };
}

function checkSchema(change: ChangeDescription, context: ChangeContext): Refusal | null {
  const { schema, fragment } = context;
  const depths = new Map<AnyType, number>();
  let deepest = 0;
  for (const type of change.newTypes) deepest = Math.max(deepest, depthOf(type, fragment, depths));
  if (deepest > MAX_NESTING_DEPTH) {
    return {
      code: Code.Limit,
      reason: `The change nests elements ${formatCount(deepest)} levels deep; a draft allows at most ${MAX_NESTING_DEPTH}.`,
    };
  }
  const elements = new Set<Y.XmlElement>(change.attributesChanged);
  for (const type of change.newTypes) if (type instanceof Y.XmlElement) elements.add(type);
  for (const element of elements) {
    const nodeType = nodeTypeOf(element, schema);
    if (typeof nodeType === 'string') return schemaRefusal(nodeType);
    const problem = checkAttributes(element, nodeType) ?? checkChildren(element, nodeType, schema);
    if (problem !== null) return schemaRefusal(problem);
  }
  for (const parent of change.childrenChanged) {
    if (parent instanceof Y.XmlElement && elements.has(parent)) continue;
    const nodeType = parent instanceof Y.XmlElement ? nodeTypeOf(parent, schema) : schema.topNodeType;
    if (typeof nodeType === 'string') return schemaRefusal(nodeType);
    const problem = checkChildren(parent, nodeType, schema);
    if (problem !== null) return schemaRefusal(problem);
  }
  for (const { text, key, value } of change.formats) {
    const problem = checkFormat(text, key, value, schema);
    if (problem !== null) return schemaRefusal(problem);
  }
  return null;
}

/**
 * The level of a point: 1 for (a), 2 for a point in it … counted up to the clause, remembered
 * along the way. Only a new point can be deeper than before (Yjs moves nothing: a moved point is
 * a new copy), so only new points are measured.
 */
function pointLevelOf(point: Y.XmlElement, known: Map<AnyType, number>): number {
  const path: AnyType[] = [];
  let current: AnyType | null = point;
  let level = 0;
  while (current instanceof Y.XmlElement && current.nodeName === POINT_NODE) {
    const memo = known.get(current);
    if (memo !== undefined) {
      level = memo;
      break;
    }
    path.push(current);
    current = parentOf(current);
  }
  for (let i = path.length - 1; i >= 0; i--) known.set(path[i]!, ++level);
  return level;
}

function checkPointDepth(change: ChangeDescription): Refusal | null {
  const known = new Map<AnyType, number>();
  let deepest = 0;
  for (const type of change.newTypes) {
    if (type instanceof Y.XmlElement && type.nodeName === POINT_NODE)
      deepest = Math.max(deepest, pointLevelOf(type, known));
  }
  const problem = pointDepthProblem(deepest, 'The change');
  return problem === null ? null : { code: Code.Limit, reason: problem };
}

function checkLimits(change: ChangeDescription, context: ChangeContext): Refusal | null {
  const points = checkPointDepth(change);
  if (points !== null) return points;
  if (change.newClauses > 0) {
    const clauses = countClauses(context.fragment);
    if (clauses > MAX_CLAUSES_PER_DRAFT) {
      return {
        code: Code.Limit,
        reason: `The draft would hold ${formatCount(clauses)} clauses; a draft may hold at most ${formatCount(MAX_CLAUSES_PER_DRAFT)}.`,
      };
    }
  }
  for (const touch of change.clauses.values()) {
    if (touch.insertedCharacters === 0 || touch.deleted) continue;
    const characters = charactersUnder(touch.clause);
    if (characters > MAX_CLAUSE_CHARACTERS) {
      return {
        code: Code.Limit,
        reason:
          `${clauseLabel(touch.clause, change.transaction)} would hold ${formatCount(characters)} characters; ` +
          `a clause may hold at most ${formatCount(MAX_CLAUSE_CHARACTERS)}.`,
      };
    }
  }
  if (context.documentCharacters > MAX_DOCUMENT_CHARACTERS && change.insertedCharacters > change.deletedCharacters) {
    return {
      code: Code.Limit,
      reason:
        `The draft would hold ${formatCount(context.documentCharacters)} characters; ` +
        `a draft may hold at most ${formatCount(MAX_DOCUMENT_CHARACTERS)}.`,
    };
  }
  return null;
}

/**
 * Decides whether a change the sender made may stand: the text's schema, the named limits (points
 * nest at most MAX_POINT_LEVELS deep among them), and what the sender's role may change (only the
 * chair renames the draft, writes the opening formula, agrees clauses and changes agreed ones, their
 * points and footnotes included; observers write nothing). A change is judged by what it did to the document, so a
 * raw client gains nothing by skipping the editor. Returns null when it may stand.
 */
export function checkChange(change: ChangeDescription, context: ChangeContext): Refusal | null {
  if (change.otherRoot) return schemaRefusal('it writes outside the text of the draft');
  if (change.foreignContent !== null) {
    return schemaRefusal(`it contains ${change.foreignContent}, which a draft cannot hold`);
  }
  if (!can(context.role, 'draft:edit-text')) return READ_ONLY_REFUSAL;
  if (change.titleChanged && !can(context.role, 'draft:rename')) {
    return { code: Code.NotAllowed, reason: 'Only the chair can rename the draft; the title was not changed.' };
  }
  if (change.formulaChanged && !can(context.role, 'draft:edit-formula')) {
    return {
      code: Code.NotAllowed,
      reason:
        'Only the chair can change the opening formula, which names the body that adopts the text; it was not changed.',
    };
  }
  // An agreed clause's protection speaks first: moving one also creates a copy with its status.
  for (const touch of change.clauses.values()) {
    const refusal = checkAgreedClause(touch, context.role, change.transaction, context.author);
    if (refusal !== null) return refusal;
  }
  const facilitated = checkFacilitatorMode(change, context) ?? checkNumbering(change, context);
  if (facilitated !== null) return facilitated;
  for (const touch of change.clauses.values()) {
    const refusal =
      checkStatus(touch, context.role, change.transaction) ??
      (context.pillars && checkPillars(touch, context.pillars, change.transaction));
    if (refusal !== null) return refusal;
  }
  return (
    checkSchema(change, context) ??
    checkMarkers(change, context.author) ??
    checkSuggestions(change, context.author, (clause) => clauseLabel(clause, change.transaction)) ??
    checkLimits(change, context)
  );
}
