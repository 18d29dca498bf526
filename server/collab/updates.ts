/** Whether an update is the one Yjs encodes for "nothing": no structs, no deletions. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2 && update.every((byte) => byte === 0);
}
