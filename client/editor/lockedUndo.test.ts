import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/collab';
import { draftFromSpec } from '../../shared/draftText';
import { draftSchema } from '../../shared/schema';
import { undoTouchesLockedText } from './lockedUndo';
import { textPermissionsOf } from './textPermissions';

const delegate = textPermissionsOf('delegate');
const chair = textPermissionsOf('chair');

/** Another person's change (the chair's, relayed by the server): not on this person's undo stack. */
const REMOTE = 'remote';

/** A shared draft (OP1 and OP3 open, OP2 agreed) and this person's undo manager on it. */
function sharedDraft() {
  const ids = ['p1', 'o1', 'o2', 'o3'];
  const json = draftFromSpec(
    {
      title: 'Test norms',
      preamble: ['Recognizing A,'],
      operative: ['States should C.', { text: 'States should D.', status: 'agreed' }, 'States should E.'],
    },
    () => ids.shift() ?? 'extra',
  );
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  doc.transact(() => prosemirrorJSONToYXmlFragment(draftSchema(), json, fragment), REMOTE);
  const undoManager = new Y.UndoManager(fragment, { trackedOrigins: new Set([null]) });
  const clause = (index: number) => (fragment.get(2) as Y.XmlElement).get(index) as Y.XmlElement;
  const text = (index: number) => (clause(index).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  /** Whether undoing this person's last change now would touch what `permissions` may not change. */
  const lastUndoLocked = (permissions = delegate) => {
    undoManager.stopCapturing();
    return undoTouchesLockedText(doc, undoManager.undoStack.at(-1)!, permissions);
  };
  return { doc, fragment, clause, text, undoManager, lastUndoLocked };
}

describe('undo and redo against clauses agreed meanwhile', () => {
  it('lets a delegate undo typing in a clause that is still open', () => {
    const draft = sharedDraft();
    draft.doc.transact(() => draft.text(0).insert(5, 'really '));
    expect(draft.lastUndoLocked()).toBe(false);
  });

  it('stops a delegate undoing typing, or a deletion, in a clause the chair has agreed since; not the chair', () => {
    const typed = sharedDraft();
    typed.doc.transact(() => typed.text(0).insert(5, 'really '));
    typed.doc.transact(() => typed.clause(0).setAttribute('status', 'agreed'), REMOTE);
    expect(typed.lastUndoLocked()).toBe(true);
    expect(typed.lastUndoLocked(chair)).toBe(false);

    const deleted = sharedDraft();
    deleted.doc.transact(() => deleted.text(2).delete(0, 7));
    deleted.doc.transact(() => deleted.clause(2).setAttribute('status', 'agreed-ad-ref'), REMOTE);
    expect(deleted.lastUndoLocked()).toBe(true);
  });

  it('stops a delegate undoing the creation of a clause the chair has agreed since (undo would delete it)', () => {
    const draft = sharedDraft();
    const created = new Y.XmlElement('clause');
    draft.doc.transact(() => {
      created.setAttribute('id', 'new');
      created.setAttribute('status', 'open');
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('States should F.')]);
      created.insert(0, [paragraph]);
      (draft.fragment.get(2) as Y.XmlElement).insert(3, [created]);
    });
    expect(draft.lastUndoLocked()).toBe(false);
    draft.doc.transact(() => created.setAttribute('status', 'agreed'), REMOTE);
    expect(draft.lastUndoLocked()).toBe(true);
  });

  it('lets a delegate undo tagging a pillar on an agreed clause, but not a status or the title', () => {
    const pillars = sharedDraft();
    pillars.doc.transact(() => pillars.clause(1).setAttribute('pillars', ['attribution'] as unknown as string));
    expect(pillars.lastUndoLocked()).toBe(false);

    const status = sharedDraft();
    status.doc.transact(() => status.clause(0).setAttribute('status', 'agreed'));
    expect(status.lastUndoLocked()).toBe(true);
    expect(status.lastUndoLocked(chair)).toBe(false);

    const title = sharedDraft();
    title.doc.transact(() => ((title.fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'New '));
    expect(title.lastUndoLocked()).toBe(true);
    expect(title.lastUndoLocked(chair)).toBe(false);
  });
});
