import * as Y from 'yjs';
import { MARKER_NODES } from '../../shared/negotiation';
import type { AnyType } from './yjsTree';
import { attributeBefore, createdIn, parentOf } from './yjsTree';

/** What one change did to one clause, as the role rules need it. */
export interface ClauseTouch {
  clause: Y.XmlElement;
  /** Created by this change. */
  isNew: boolean;
  /** Deleted by this change (moving a clause deletes it and creates a copy). */
  deleted: boolean;
  /** Its status before the change ('open' for a new clause). */
  statusBefore: unknown;
  /** Its own attributes this change set, with their values before. */
  attributes: Map<string, unknown>;
  /** Its words, marks or structure changed (anything below the clause itself). */
  contentChanged: boolean;
  /** Characters added to it (typed, pasted), net of those added and deleted in the same change. */
  insertedCharacters: number;
  /** Elements below it were added, deleted or had their attributes changed (more than its words and marks changed). */
  structureChanged: boolean;
}

/**
 * The facts of one applied change, read from its Yjs transaction while its deleted content is
 * still there (call from `afterTransaction`): everything the server's checks decide on. Reading
 * costs what the change touched, not the size of the draft.
 */
export interface ChangeDescription {
  /** The transaction described (for what the document held before it). */
  transaction: Y.Transaction;
  /** Content the editor never writes (sub-documents, embeds, binary, arrays and maps of other kinds), described. */
  foreignContent: string | null;
  /** Whether the change added anything outside the text (another root); deleting there is harmless. */
  otherRoot: boolean;
  /** Elements and texts the change created that are still there. */
  newTypes: AnyType[];
  /** Elements (or the document) that existed before and whose children changed. */
  childrenChanged: Set<Y.XmlElement | Y.XmlFragment>;
  /** Elements that existed before and whose attributes changed. */
  attributesChanged: Set<Y.XmlElement>;
  /** Formatting the change put on text. */
  formats: { text: Y.XmlText; key: string; value: unknown }[];
  /** Every text whose characters or formatting changed, or that was created or deleted. */
  texts: Set<Y.XmlText>;
  /** Elements that were there before and are deleted now. */
  deletedElements: Y.XmlElement[];
  /** Every clause the change touched. */
  clauses: Map<Y.XmlElement, ClauseTouch>;
  /** Whether the title (or an element named title at the top) changed. */
  titleChanged: boolean;
  /** Whether the opening formula changed: its words, or the formula added or removed. */
  formulaChanged: boolean;
  insertedCharacters: number;
  deletedCharacters: number;
  /** Clause elements the change created that are still there. */
  newClauses: number;
  /** Yjs client ids the change added items for. */
  clients: number[];
}

function touch(description: ChangeDescription, clause: Y.XmlElement, transaction: Y.Transaction): ClauseTouch {
  let entry = description.clauses.get(clause);
  if (entry === undefined) {
    const item = clause._item;
    const isNew = item !== null && createdIn(item, transaction);
    entry = {
      clause,
      isNew,
      deleted: item !== null && item.deleted,
      statusBefore: isNew ? 'open' : (attributeBefore(clause, 'status', transaction) ?? 'open'),
      attributes: new Map(),
      contentChanged: false,
      insertedCharacters: 0,
      structureChanged: false,
    };
    description.clauses.set(clause, entry);
  }
  return entry;
}

/** Where a type sits: the clause it is in, whether it is in the title or the formula, whether it is in the text at all. */
interface Placement {
  clause: Y.XmlElement | undefined;
  inTitle: boolean;
  inFormula: boolean;
  inText: boolean;
}

/**
 * Placements of types, remembered for the length of one description: a deep new tree is placed
 * in one pass instead of one walk to the top per node.
 */
class Placements {
  private readonly known = new Map<AnyType, Placement>();

  constructor(private readonly fragment: Y.XmlFragment) {}

  of(type: AnyType): Placement {
    const path: AnyType[] = [];
    let current: AnyType | null = type;
    let placement: Placement | undefined;
    while (current !== null) {
      placement = this.known.get(current);
      if (placement !== undefined) break;
      if (current === this.fragment) {
        placement = { clause: undefined, inTitle: false, inFormula: false, inText: true };
        break;
      }
      path.push(current);
      current = parentOf(current);
    }
    placement ??= { clause: undefined, inTitle: false, inFormula: false, inText: false };
    for (let i = path.length - 1; i >= 0; i--) {
      const node = path[i]!;
      const isElement = node instanceof Y.XmlElement;
      placement = {
        clause: isElement && node.nodeName === 'clause' ? node : placement.clause,
        inTitle: placement.inTitle || (isElement && node.nodeName === 'title'),
        inFormula: placement.inFormula || (isElement && node.nodeName === 'formula'),
        inText: placement.inText,
      };
      this.known.set(node, placement);
    }
    return placement;
  }
}

function kindOf(content: unknown): string | null {
  if (content instanceof Y.ContentEmbed) return 'an embedded object';
  if (content instanceof Y.ContentBinary) return 'binary data';
  if (content instanceof Y.ContentDoc) return 'a sub-document';
  if (content instanceof Y.ContentJSON) return 'raw JSON data';
  if (content instanceof Y.ContentType) {
    const type: unknown = content.type;
    if (type instanceof Y.XmlHook) return 'an XML hook';
    if (!(type instanceof Y.XmlElement) && !(type instanceof Y.XmlText)) return 'a shared map, array or text';
  }
  return null;
}

/** Where an item sits that the editor would never put it (text outside a text node, an attribute on text). */
function misplaced(item: Y.Item): string | null {
  const parent: unknown = item.parent;
  const content = item.content;
  if (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed) {
    return parent instanceof Y.XmlText && item.parentSub === null ? null : 'characters outside a text';
  }
  if (content instanceof Y.ContentAny) {
    return parent instanceof Y.XmlElement && item.parentSub !== null ? null : 'a value outside an attribute';
  }
  if (content instanceof Y.ContentType) {
    return (parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment) && item.parentSub === null
      ? null
      : 'an element outside the tree of elements';
  }
  return null;
}

/** What of a text's structure an item is: an element (a text only holds words and formatting), an attribute value, or neither. */
function structureOf(item: Y.Item): 'element' | 'attribute' | undefined {
  const type: unknown = item.content instanceof Y.ContentType ? item.content.type : null;
  // A bracket or an alternative is a marker among the words, judged by its own rules (checkMarkers).
  if (type instanceof Y.XmlElement) return MARKER_NODES.has(type.nodeName) ? undefined : 'element';
  const parent: unknown = item.parent;
  if (parent instanceof Y.XmlElement && MARKER_NODES.has(parent.nodeName)) return undefined;
  return item.parentSub !== null ? 'attribute' : undefined;
}

/** Reads the facts of a change from its transaction on a document whose text is the fragment `fragment`. */
export function describeChange(transaction: Y.Transaction, fragment: Y.XmlFragment): ChangeDescription {
  const description: ChangeDescription = {
    transaction,
    foreignContent: null,
    otherRoot: false,
    newTypes: [],
    childrenChanged: new Set(),
    attributesChanged: new Set(),
    formats: [],
    texts: new Set(),
    deletedElements: [],
    clauses: new Map(),
    titleChanged: false,
    formulaChanged: false,
    insertedCharacters: 0,
    deletedCharacters: 0,
    newClauses: 0,
    clients: [],
  };
  const placements = new Placements(fragment);
  const outside = (type: AnyType): boolean => !placements.of(type).inText;
  /** Notes a change at or below `type` against its clause, the title and the formula. */
  const noteWithin = (type: AnyType, structure?: 'element' | 'attribute'): ClauseTouch | undefined => {
    const { clause, inTitle, inFormula } = placements.of(type);
    if (inTitle) description.titleChanged = true;
    if (inFormula) description.formulaChanged = true;
    if (type instanceof Y.XmlText) description.texts.add(type);
    if (clause === undefined) return undefined;
    const entry = touch(description, clause, transaction);
    if (type !== clause) entry.contentChanged = true;
    // A clause's own attributes are judged on their own (pillars, status); those below it are structure.
    if (structure === 'element' || (structure === 'attribute' && type !== clause)) entry.structureChanged = true;
    return entry;
  };
  /** A title or formula element created or deleted: the title or the formula changed. */
  const noteHeading = (type: AnyType): void => {
    if (!(type instanceof Y.XmlElement)) return;
    if (type.nodeName === 'title') description.titleChanged = true;
    if (type.nodeName === 'formula') description.formulaChanged = true;
  };
  const store = transaction.doc.store;

  // What was added.
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    description.clients.push(client);
    const structs = store.clients.get(client)!;
    for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
      const item = structs[index]!;
      if (item.id.clock >= after) break;
      if (!(item instanceof Y.Item)) continue;
      const foreign = kindOf(item.content) ?? misplaced(item);
      if (foreign !== null) description.foreignContent ??= foreign;
      const parent = item.parent as AnyType;
      if (outside(parent)) {
        description.otherRoot = true;
        continue;
      }
      if (item.deleted) continue;
      const content = item.content;
      const entry = noteWithin(parent, structureOf(item));
      if (content instanceof Y.ContentString) {
        description.insertedCharacters += item.length;
        if (entry) entry.insertedCharacters += item.length;
      } else if (content instanceof Y.ContentFormat) {
        description.formats.push({ text: parent as Y.XmlText, key: content.key, value: content.value });
      } else if (content instanceof Y.ContentType) {
        const type = content.type as AnyType;
        description.newTypes.push(type);
        if (type instanceof Y.XmlText) description.texts.add(type);
        if (type instanceof Y.XmlElement && type.nodeName === 'clause') {
          description.newClauses++;
          touch(description, type, transaction);
        }
        noteHeading(type);
      }
    }
  }

  // What changed in types that were there before.
  for (const [type, keys] of transaction.changed) {
    if (outside(type as AnyType) || type._item?.deleted) continue;
    if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
      if (keys.has(null)) description.childrenChanged.add(type);
      if (type instanceof Y.XmlElement && [...keys].some((key) => key !== null)) {
        description.attributesChanged.add(type);
        if (type.nodeName === 'clause') {
          const entry = touch(description, type, transaction);
          for (const key of keys) if (key !== null) entry.attributes.set(key, attributeBefore(type, key, transaction));
        }
      }
    }
    // Children are judged item by item above and below; here only attributes count as structure.
    const attributes = type instanceof Y.XmlElement && [...keys].some((k) => k !== null);
    const entry = noteWithin(type as AnyType, attributes ? 'attribute' : undefined);
    if (entry && type === entry.clause && keys.has(null)) entry.contentChanged = true;
  }

  // What was deleted (deleting an element deletes everything in it, item by item).
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || createdIn(struct, transaction)) return;
    const parent = struct.parent as AnyType;
    if (outside(parent)) return;
    if (struct.content instanceof Y.ContentString) description.deletedCharacters += struct.length;
    if (struct.content instanceof Y.ContentType) {
      const type = struct.content.type as AnyType;
      if (type instanceof Y.XmlText) description.texts.add(type);
      if (type instanceof Y.XmlElement) description.deletedElements.push(type);
      if (type instanceof Y.XmlElement && type.nodeName === 'clause')
        touch(description, type, transaction).deleted = true;
      noteHeading(type);
    }
    if (struct.parentSub !== null && parent instanceof Y.XmlElement && parent.nodeName === 'clause') {
      // An attribute's old value, replaced: noted with the attribute change above.
      return;
    }
    noteWithin(parent, structureOf(struct));
  });
  return description;
}
