/**
 * Close codes the collab server uses when it ends a websocket connection.
 *
 * Codes in the 4000–4999 range are private to Accord (RFC 6455 §7.4.2); 1001 and 1009 are the
 * standard codes for a server going away and a message over the size limit. The client maps each
 * code to a sentence a delegate can act on ({@link closeCodeMessage}) and decides from
 * {@link isFatalCloseCode} whether reconnecting could ever help.
 */
export const CloseCode = {
  /** The server is shutting down; reconnecting later will work. */
  GoingAway: 1001,
  /** A message was larger than {@link MAX_MESSAGE_BYTES}. */
  MessageTooBig: 1009,
  /** A frame could not be decoded as a y-websocket message (truncated, garbage, trailing bytes). */
  MalformedMessage: 4400,
  /** The message type is not one of sync, awareness, auth or query-awareness. */
  UnknownMessageType: 4401,
  /** The update decoded but Yjs could not apply it. */
  InvalidUpdate: 4402,
  /** Text frames are not part of the protocol. */
  UnsupportedData: 4403,
  /** There is no draft with that id (or it is archived). */
  DraftNotFound: 4404,
  /** The person was removed from the draft (or it was archived for them); reconnecting will not help. */
  MembershipRevoked: 4410,
  /** The session or token behind this connection was signed out, revoked or has expired. */
  SessionEnded: 4411,
  /** The server failed while handling this connection; other clients are unaffected. */
  InternalError: 4500,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

const messages: Record<CloseCode, string> = {
  [CloseCode.GoingAway]: 'The server is restarting. Your changes are kept and will sync when it is back.',
  [CloseCode.MessageTooBig]: 'A change was too large to send. Try pasting the text in smaller parts.',
  [CloseCode.MalformedMessage]: 'The connection sent data the server could not read. Reload the page.',
  [CloseCode.UnknownMessageType]: 'The connection sent a message the server does not understand. Reload the page.',
  [CloseCode.InvalidUpdate]: 'A change could not be applied on the server. Reload the page.',
  [CloseCode.UnsupportedData]: 'The connection sent text where the server expects binary data. Reload the page.',
  [CloseCode.DraftNotFound]: 'This draft does not exist or has been archived.',
  [CloseCode.MembershipRevoked]:
    'You are no longer a member of this draft. Ask its chair if you think this is a mistake.',
  [CloseCode.SessionEnded]: 'Your session has ended. Sign in again to continue.',
  [CloseCode.InternalError]: 'The server hit an error on this connection. Reload the page to try again.',
};

/** The sentence shown to a person whose connection was closed with `code`, or undefined for codes Accord does not send. */
export function closeCodeMessage(code: number): string | undefined {
  return (messages as Record<number, string>)[code];
}

/**
 * Whether reconnecting cannot help: the draft is gone or this client is speaking the protocol
 * wrong. A transient loss (network, restart) is never fatal.
 */
export function isFatalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/**
 * Why the server refused a change to the text. A refused change is not applied, stored or
 * relayed; the connection stays open and is told with an `edit-refused` event carrying one of
 * these codes and a sentence with the particulars (which clause, which figure). The editor then
 * discards its copy and reloads the text as the server has it.
 */
export const RefusalCode = {
  /** The sender's role may not make this change (an observer writing, a delegate agreeing a clause or renaming the draft). */
  NotAllowed: 'not-allowed',
  /** The change touches a clause that is agreed or agreed ad ref, which only the chair may change. */
  AgreedClause: 'agreed-clause',
  /** The text would break the editor's schema: an unknown element, attribute or mark, or content out of place. */
  Schema: 'schema',
  /** The text would pass a named limit of `limits.ts` (nesting depth, clauses, characters). */
  Limit: 'limit',
  /** The draft's stored text cannot be read; it is read-only until the chair restores a good state. */
  Unreadable: 'unreadable',
  /** An earlier change from this connection was refused; what follows it is not applied either. */
  AfterRefusal: 'after-refusal',
  /** The server could not store the change (its disk is full or failing); it was not kept. */
  StorageUnavailable: 'storage-unavailable',
  /** So many of the sender's changes were refused in the last minute that the server takes none of theirs for now. */
  RefusedTooOften: 'refused-too-often',
} as const;

export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

const refusalHeadlines: Record<RefusalCode, string> = {
  [RefusalCode.NotAllowed]: 'Your role on this draft does not allow this change.',
  [RefusalCode.AgreedClause]: 'This clause is agreed; only the chair can change it.',
  [RefusalCode.Schema]: 'This change would put content in the text that a draft cannot hold.',
  [RefusalCode.Limit]: 'This change would make the text larger than a draft may be.',
  [RefusalCode.Unreadable]: 'The stored text of this draft cannot be read, so nobody can change it for now.',
  [RefusalCode.AfterRefusal]: 'An earlier change from this window was refused.',
  [RefusalCode.StorageUnavailable]: 'The server cannot save right now, so your change was not kept.',
  [RefusalCode.RefusedTooOften]: 'Too many of your changes were refused in the last minute.',
};

/** The short sentence that heads the message for a refusal with `code`. */
export function refusalHeadline(code: RefusalCode): string {
  return refusalHeadlines[code];
}
