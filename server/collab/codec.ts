import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CloseCode } from '../../shared/closeCodes';
import type { CollabEvent } from '../../shared/collab';
import { ACCORD_EVENT_MESSAGE } from '../../shared/collab';
import { MAX_PRESENCE_STATE_BYTES } from '../../shared/limits';

/**
 * The y-websocket wire format, decoded strictly. Each frame carries exactly one message:
 * a varUint message type, then its payload. Anything else (truncated, trailing bytes, unknown
 * types, awareness states that are not JSON) is a {@link ProtocolError} naming the close code.
 */

/** Top-level message types of the y-websocket protocol. */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

/** Sub-types of a sync message (y-protocols/sync). */
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

/** One awareness entry as sent on the wire: `state` is null when the client is leaving. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** An entry as decoded: one whose state is longer than {@link MAX_PRESENCE_STATE_BYTES} is not parsed, only flagged. */
export type DecodedAwarenessEntry = AwarenessEntry | { clientId: number; clock: number; oversize: true };

/** A message from a client, decoded and checked. */
export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; entries: DecodedAwarenessEntry[] }
  | { kind: 'query-awareness' };

/** A frame that is not a valid message; the connection is closed with `code`. */
export class ProtocolError extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
  }
}

/** Decodes one client frame, or throws a {@link ProtocolError}. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const message = readMessage(decoder);
  if (decoding.hasContent(decoder)) {
    throw new ProtocolError(
      CloseCode.MalformedMessage,
      `trailing ${frame.length - decoder.pos} bytes after a ${message.kind} message`,
    );
  }
  return message;
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = guard(() => decoding.readVarUint(decoder), 'message type');
  switch (type) {
    case MessageType.Sync: {
      const syncType = guard(() => decoding.readVarUint(decoder), 'sync type');
      const payload = guard(() => decoding.readVarUint8Array(decoder), 'sync payload');
      if (syncType === SyncType.Step1) return { kind: 'sync-step-1', stateVector: payload };
      if (syncType === SyncType.Step2) return { kind: 'sync-step-2', update: payload };
      if (syncType === SyncType.Update) return { kind: 'update', update: payload };
      throw new ProtocolError(CloseCode.UnknownMessageType, `unknown sync message type ${syncType}`);
    }
    case MessageType.Awareness: {
      const payload = guard(() => decoding.readVarUint8Array(decoder), 'awareness payload');
      return { kind: 'awareness', entries: decodeAwarenessUpdate(payload) };
    }
    case MessageType.QueryAwareness:
      return { kind: 'query-awareness' };
    default:
      throw new ProtocolError(CloseCode.UnknownMessageType, `unknown message type ${type}`);
  }
}

/** Decodes the payload of an awareness message (y-protocols/awareness's format) and checks every state is a JSON object or null. */
export function decodeAwarenessUpdate(payload: Uint8Array): DecodedAwarenessEntry[] {
  const decoder = decoding.createDecoder(payload);
  const count = guard(() => decoding.readVarUint(decoder), 'awareness count');
  const entries: DecodedAwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = guard(() => decoding.readVarUint(decoder), 'awareness client id');
    const clock = guard(() => decoding.readVarUint(decoder), 'awareness clock');
    const json = guard(() => decoding.readVarString(decoder), 'awareness state');
    if (json.length > MAX_PRESENCE_STATE_BYTES) {
      entries.push({ clientId, clock, oversize: true });
      continue;
    }
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new ProtocolError(CloseCode.MalformedMessage, 'awareness state is not JSON');
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new ProtocolError(CloseCode.MalformedMessage, 'awareness state is not an object');
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  if (decoding.hasContent(decoder))
    throw new ProtocolError(CloseCode.MalformedMessage, 'trailing bytes in awareness update');
  return entries;
}

/** Encodes awareness entries in y-protocols/awareness's format. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

function guard<T>(read: () => T, what: string): T {
  try {
    return read();
  } catch {
    throw new ProtocolError(CloseCode.MalformedMessage, `truncated or malformed ${what}`);
  }
}

function encodeSync(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: "here is my state vector, send me what I lack". */
export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array => encodeSync(SyncType.Step1, stateVector);
/** Sync step 2: the answer to a step 1, everything the peer lacks. */
export const encodeSyncStep2 = (update: Uint8Array): Uint8Array => encodeSync(SyncType.Step2, update);
/** A live document update. */
export const encodeUpdate = (update: Uint8Array): Uint8Array => encodeSync(SyncType.Update, update);

/** An awareness message carrying an encoded awareness update. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The y-websocket "permission denied" auth message; the provider logs the reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Auth);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** An Accord event for one connection (message type {@link ACCORD_EVENT_MESSAGE}, JSON payload). */
export function encodeCollabEvent(event: CollabEvent): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ACCORD_EVENT_MESSAGE);
  encoding.writeVarString(encoder, JSON.stringify(event));
  return encoding.toUint8Array(encoder);
}

/** The event an {@link encodeCollabEvent} frame carries; null for a frame of another type. */
export function decodeCollabEvent(frame: Uint8Array): CollabEvent | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== ACCORD_EVENT_MESSAGE) return null;
  return JSON.parse(decoding.readVarString(decoder)) as CollabEvent;
}
