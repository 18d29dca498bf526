/**
 * The rules of the negotiation as the editor applies them to a local change, before it is sent:
 * a reader changes nothing; only a role that may agree text changes a clause's status (and
 * `statusBy`/`statusAt` are the server's to write); only a role that may rename the draft changes
 * its title and its opening formula (adding, wording or removing it); and only a role that may
 * edit agreed text changes an agreed (or agreed ad ref) clause: its words, marks and structure
 * (its points and footnotes included: points inherit the clause's status), deleting it, or moving
 * it. Tagging pillars stays open to everyone who edits, and so do division headings and annexes
 * (an annex holding an agreed clause cannot be removed, as that deletes the clause).
 *
 * The rule compares the document before and after a change rather than inspecting its steps, so
 * typing, Backspace and Delete at a clause's edges, Enter, indenting, pasting, dragging and joining are
 * all judged by what they would do to the text. The server applies the same rules to every update
 * it receives; this copy only spares a person a refused change and a reload.
 */
import { Mark, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { isAgreedStatus, type ClauseKind } from '../../shared/clauses';
import { changesOnlyText } from './changesOnlyText';
import { clauseAround, forEachContainer } from './findClause';
import { formulaOf } from './findStructure';
import type { TextPermissions } from './textPermissions';

/** Why a change is refused, and the clause it concerns when there is one. */
export type LockedChange =
  | { kind: 'read-only' }
  | { kind: 'title' }
  | { kind: 'formula' }
  | { kind: 'status'; clauseId: string | null }
  | { kind: 'agreed-clause'; clauseId: string };

/**
 * A clause or a division of a document, keyed by its id and which occurrence of that id it is
 * (null: no id), with the container it is in ('preamble', 'operative' or the annex's id).
 */
interface ClauseEntry {
  key: string | null;
  id: string | null;
  kind: ClauseKind;
  container: string;
  division: boolean;
  node: ProseMirrorNode;
}

function clauseEntries(doc: ProseMirrorNode): ClauseEntry[] {
  const entries: ClauseEntry[] = [];
  const seen = new Map<string, number>();
  forEachContainer(doc, ({ node: section, kind, annexIndex }) => {
    const annexId: unknown = section.attrs.id;
    const container =
      kind !== 'annex' ? section.type.name : `annex:${typeof annexId === 'string' && annexId ? annexId : annexIndex}`;
    section.forEach((node) => {
      const division = node.type.name === 'division';
      if (!division && node.type.name !== 'clause') return;
      const raw: unknown = node.attrs.id;
      const id = typeof raw === 'string' && raw !== '' ? raw : null;
      let key: string | null = null;
      if (id !== null) {
        const occurrence = seen.get(id) ?? 0;
        seen.set(id, occurrence + 1);
        key = `${id}#${occurrence}`;
      }
      entries.push({ key, id, kind, container, division, node });
    });
  });
  return entries;
}

function titleOf(doc: ProseMirrorNode): ProseMirrorNode | null {
  const first = doc.firstChild;
  return first?.type.name === 'title' ? first : null;
}

function sameTitle(before: ProseMirrorNode, after: ProseMirrorNode): boolean {
  const a = titleOf(before);
  const b = titleOf(after);
  if (a === b) return true;
  return a !== null && b !== null && a.content.eq(b.content);
}

/** Whether the opening formula is the same: both absent, or both there with the same words. */
function sameFormula(before: ProseMirrorNode, after: ProseMirrorNode): boolean {
  const a = formulaOf(before)?.node ?? null;
  const b = formulaOf(after)?.node ?? null;
  if (a === b) return true;
  return a !== null && b !== null && a.content.eq(b.content);
}

/** Status, who set it and when: what only a role that may agree text changes. */
function sameStatus(before: ProseMirrorNode | undefined, after: ProseMirrorNode): boolean {
  if (before === undefined) {
    // A new clause (split off, pasted, created) starts open and unagreed.
    return after.attrs.status === 'open' && after.attrs.statusBy == null && after.attrs.statusAt == null;
  }
  return (
    before.attrs.status === after.attrs.status &&
    before.attrs.statusBy === after.attrs.statusBy &&
    before.attrs.statusAt === after.attrs.statusAt
  );
}

/** Words, marks and structure of a clause; pillars, status and id are other rules' business. */
function sameText(before: ProseMirrorNode, after: ProseMirrorNode): boolean {
  return before === after || (before.content.eq(after.content) && Mark.sameSet(before.marks, after.marks));
}

/** The clauses and divisions of `container` whose key is in both lists, in document order: the ones that survived the change. */
function survivors(entries: readonly ClauseEntry[], container: string, other: ReadonlySet<string>): string[] {
  return entries.filter((e) => e.container === container && e.key !== null && other.has(e.key)).map((e) => e.key!);
}

/**
 * The first agreed clause that moved: one whose set of surviving clauses and divisions before it
 * in its container changed. Inserting or deleting other clauses or headings around it is not a
 * move; swapping it with a neighbour (a heading too), or carrying another clause across it, is (in
 * the shared document either rewrites the agreed clause in place).
 */
function movedAgreedClause(
  before: readonly ClauseEntry[],
  after: readonly ClauseEntry[],
  agreed: ReadonlySet<string>,
): string | null {
  for (const container of new Set(before.map((e) => e.container))) {
    const keysBefore = new Set(before.filter((e) => e.container === container && e.key !== null).map((e) => e.key!));
    const keysAfter = new Set(after.filter((e) => e.container === container && e.key !== null).map((e) => e.key!));
    const old = survivors(before, container, keysAfter);
    const now = survivors(after, container, keysBefore);
    // Walking both orders at once, `unmatched` counts the keys in one prefix and not the other:
    // zero after index i means both first i + 1 survivors are the same set.
    const onlyOld = new Set<string>();
    const onlyNow = new Set<string>();
    let unmatched = 0;
    for (let i = 0; i < old.length; i++) {
      const x = old[i]!;
      const y = now[i]!;
      if (onlyNow.delete(x)) unmatched--;
      else {
        onlyOld.add(x);
        unmatched++;
      }
      if (onlyOld.delete(y)) unmatched--;
      else {
        onlyNow.add(y);
        unmatched++;
      }
      if (agreed.has(x) && (x !== y || unmatched !== 0)) return x;
      if (agreed.has(y) && x !== y) return y;
    }
  }
  return null;
}

/**
 * What in the change from `before` to `after` the person may not make, or null when they may
 * make all of it. Clauses are matched by id (and, for a duplicated id, by occurrence).
 */
export function findLockedChange(
  before: ProseMirrorNode,
  after: ProseMirrorNode,
  permissions: TextPermissions,
): LockedChange | null {
  if (before === after) return null;
  if (!permissions.editText) return { kind: 'read-only' };
  if (!permissions.rename && !sameTitle(before, after)) return { kind: 'title' };
  if (!permissions.editFormula && !sameFormula(before, after)) return { kind: 'formula' };
  if (permissions.setStatus && permissions.editAgreed) return null;

  const old = clauseEntries(before).filter((e) => !e.division);
  const now = clauseEntries(after).filter((e) => !e.division);
  const oldByKey = new Map(old.filter((e) => e.key !== null).map((e) => [e.key!, e]));
  const nowByKey = new Map(now.filter((e) => e.key !== null).map((e) => [e.key!, e]));

  if (!permissions.setStatus) {
    for (const entry of now) {
      const was = entry.key === null ? undefined : oldByKey.get(entry.key);
      if (!sameStatus(was?.node, entry.node)) return { kind: 'status', clauseId: entry.id };
    }
  }

  if (!permissions.editAgreed) {
    const agreed = new Set<string>();
    for (const was of old) {
      if (was.key === null || !isAgreedStatus(was.node.attrs.status)) continue;
      agreed.add(was.key);
      const entry = nowByKey.get(was.key);
      if (entry === undefined || entry.container !== was.container || !sameText(was.node, entry.node))
        return { kind: 'agreed-clause', clauseId: was.id! };
    }
    if (agreed.size > 0) {
      const moved = movedAgreedClause(clauseEntries(before), clauseEntries(after), agreed);
      if (moved !== null) return { kind: 'agreed-clause', clauseId: oldByKey.get(moved)!.id! };
    }
  }
  return null;
}

/**
 * Whether a transaction only types or deletes inside lines the person may change: text of a
 * clause that is not locked for them, a heading or an annex's title, or the title and the formula
 * if they may rename. Typing is most of what happens, and this answers it without comparing every
 * clause of a long draft.
 */
function onlyTypesInOpenText(tr: Transaction, permissions: TextPermissions): boolean {
  return (
    changesOnlyText(tr) &&
    tr.steps.every((step, index) => {
      if (!(step instanceof ReplaceStep)) return false;
      const $from = tr.docs[index]!.resolve(step.from);
      const parent = $from.parent.type.name;
      if (parent === 'title') return permissions.rename;
      if (parent === 'formula') return permissions.editFormula;
      if (parent === 'division' || parent === 'annexTitle') return true;
      const clause = clauseAround($from);
      return clause !== null && !isLockedClause(clause.node, permissions);
    })
  );
}

/** Whether a local transaction makes a change the person may not make. */
export function refusesTransaction(tr: Transaction, permissions: TextPermissions): boolean {
  if (!tr.docChanged) return false;
  if (permissions.editText && onlyTypesInOpenText(tr, permissions)) return false;
  return findLockedChange(tr.before, tr.doc, permissions) !== null;
}

/**
 * Whether an editing operation (a `clauseEditing` function) would be refused if run now: for
 * disabling a menu item or a button instead of letting it do nothing. An operation that does not
 * apply, or changes nothing, is not refused.
 */
export function refusedNow(
  state: EditorState,
  operation: (tr: Transaction) => boolean,
  permissions: TextPermissions,
): boolean {
  const tr = state.tr;
  return operation(tr) && refusesTransaction(tr, permissions);
}

/** Whether the clause node is locked for these permissions: agreed, and not theirs to edit. */
export function isLockedClause(clause: ProseMirrorNode, permissions: TextPermissions): boolean {
  return !permissions.editAgreed && isAgreedStatus(clause.attrs.status);
}
