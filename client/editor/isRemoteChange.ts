import type { Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

/**
 * Whether a transaction came from the Yjs binding (another client, IndexedDB, the server), not
 * from this person: such changes were already accepted elsewhere and must never be refused or
 * rewritten here.
 */
export function isRemoteChange(tr: Transaction): boolean {
  const meta: unknown = tr.getMeta(ySyncPluginKey);
  return typeof meta === 'object' && meta !== null && 'isChangeOrigin' in meta && meta.isChangeOrigin === true;
}
