import { unsyncedStorageKey, type CollabSession } from './CollabSession';

/**
 * Throws away this browser's copy of a draft (IndexedDB and the unsynced count) after the server
 * refused a change from it: the refused change is in the local document and would otherwise stay
 * on this screen, and be sent again on every reconnect, though nobody else will ever see it.
 * Resolves once the copy is gone; the caller then opens a fresh session, which loads the text
 * as the server has it.
 */
export async function discardLocalCopy(session: CollabSession): Promise<void> {
  session.provider.disconnect();
  try {
    window.localStorage.removeItem(unsyncedStorageKey(session.draftId));
  } catch {
    // Storage disabled: there is no count to remove.
  }
  await session.persistence.clearData();
}
