import type { ClientClaim, StoredUpdate } from '../storage/Storage';
import { ClientConnection } from './ClientConnection';
import type { PendingChange } from './StorageOutage';

/** Who a change applied to the live text comes from: a connection, or the server acting for someone (or itself). */
export type Author = ClientConnection | { authorId: string | null };

/** An admitted change on its way to the log, the clients and the live text. */
export interface Change extends PendingChange {
  effect: Uint8Array;
  author: Author;
  /** The title of the text once this change is applied (the staged title when it was admitted). */
  title: string;
  /** Yjs client ids to record as their writer's with it (none for the server's changes). */
  claims?: ClientClaim[];
}

export const authorIdOf = (author: Author) =>
  author instanceof ClientConnection ? author.access.userId : author.authorId;
/** Whose Yjs client ids a change is written under: the connection's person, or (null) the server acting for someone. */
export const holderIdOf = (author: Author) => (author instanceof ClientConnection ? author.access.userId : null);
/** What is appended to the log for a change. */
export const toStoredUpdate = ({ effect, author, claims }: Change): StoredUpdate => ({
  data: effect,
  authorId: authorIdOf(author),
  claims,
});
