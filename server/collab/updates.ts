import * as Y from 'yjs';

/**
 * Several updates from one connection as one; an update that cannot be read makes the whole
 * unreadable (a byte Yjs cannot decode), so it is refused as malformed, as it would be alone.
 */
export function mergeUpdates(updates: readonly Uint8Array[]): Uint8Array {
  if (updates.length === 1) return updates[0]!;
  try {
    return Y.mergeUpdates([...updates]);
  } catch {
    return Uint8Array.of(255);
  }
}

/** Whether an update is the one Yjs encodes for "nothing": no structs, no deletions. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2 && update.every((byte) => byte === 0);
}
