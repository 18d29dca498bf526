/**
 * One message for many connections (a relayed update, a presence change). It is encoded once, and
 * the first socket that sends it frames it once for the wire (see {@link WsSocket.sendShared}):
 * every other recipient writes the very same bytes, so a keystroke relayed to a hundred readers
 * costs a hundred socket writes and nothing more per reader.
 */
export class SharedMessage {
  /** The bytes as sent on the wire, made by the first socket that sends the message. */
  wireFrame: Uint8Array | null = null;

  constructor(readonly bytes: Uint8Array) {}
}
