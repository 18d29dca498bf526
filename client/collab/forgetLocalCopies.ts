import { unsyncedStorageKey } from './CollabSession';

/** Prefix of the IndexedDB database of each draft's local copy (see `CollabSession`). */
const LOCAL_COPY_PREFIX = 'accord-draft-';
/** Prefix of the localStorage key of each draft's unsynced-change count. */
const UNSYNCED_PREFIX = unsyncedStorageKey('');

/** How many changes made in this browser have not reached the server yet, over all drafts. */
export function countUnsyncedChanges(): number {
  let total = 0;
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(UNSYNCED_PREFIX))
        total += Math.max(0, Number.parseInt(window.localStorage.getItem(key) ?? '0', 10) || 0);
    }
  } catch {
    // Storage disabled: nothing was counted, so nothing is pending.
  }
  return total;
}

/**
 * Deletes every draft's copy kept in this browser (IndexedDB) and the unsynced counts. Used on
 * sign-out: the text of a negotiation should not stay on a shared computer, and changes left in
 * a copy would otherwise be sent under the next person's name when they open the draft. A copy
 * still open in this page is deleted as soon as its session closes.
 */
export async function forgetLocalCopies(): Promise<void> {
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(UNSYNCED_PREFIX)) window.localStorage.removeItem(key);
    }
  } catch {
    // Storage disabled: there are no counts to remove.
  }
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const databases = await indexedDB.databases().catch(() => []);
  for (const { name } of databases) {
    if (name?.startsWith(LOCAL_COPY_PREFIX)) indexedDB.deleteDatabase(name);
  }
}
