import { createHash, webcrypto } from 'node:crypto';

/**
 * The stored states of drafts this process knows to be sound, by their SHA-256: each written by
 * it from a live text (every change to which was checked before it was applied), or read and
 * checked by it in full. Bytes with the same digest are the same text, so a large draft whose
 * stored text is one such state needs no check before newcomers are sent it: it is sent as soon
 * as it is read from storage, while the worker thread goes on to check it and cut it into steps
 * (see `readInPieces`). Kept in memory only: a restart, another instance's compaction or a row
 * changed by hand each leave a digest that matches nothing, and the text is checked first again.
 */
const digests = new Map<string, string>();
/** One digest per draft, for at most this many drafts (the oldest recorded goes first). */
const MAX_DRAFTS = 10_000;

/** The digest of a stored state, on this thread (a 2 MiB state takes a few milliseconds: the worker's). */
export function digestOf(state: Uint8Array): string {
  return createHash('sha256').update(state).digest('hex');
}

/** The same on the thread pool: what the thread serving people uses. */
export async function digestOffThread(state: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', state)).toString('hex');
}

/** `draftId`'s stored state has `digest` and is sound (or null: it changed, and nothing is known of it). */
export function recordCheckedState(draftId: string, digest: string | null): void {
  digests.delete(draftId);
  if (digest === null) return;
  digests.set(draftId, digest);
  if (digests.size > MAX_DRAFTS) digests.delete(digests.keys().next().value!);
}

/** The digest of `draftId`'s stored state as last known sound, if any. */
export function checkedStateOf(draftId: string): string | undefined {
  return digests.get(draftId);
}
