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
  [CloseCode.MembershipRevoked]: 'You are no longer a member of this draft. Ask its chair if you think this is a mistake.',
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
