import * as Y from 'yjs';
import type { RefusalCode } from '../../shared/closeCodes';
import { CloseCode } from '../../shared/closeCodes';
import type { Logger } from '../logger';
import type { CollabSocket } from './CollabSocket';
import type { ConnectionAccess } from './ConnectionAccess';
import type { Role } from '../../shared/roles';
import { ProtocolError, decodeClientMessage, encodeCollabEvent, encodePermissionDenied } from './codec';
import { FullStateAnswer, type WholeText } from './FullStateAnswer';
import type { SharedDocument } from './SharedDocument';

let nextConnectionId = 1;

/** Frames a client may send before its draft has loaded; past this it is misbehaving. */
const MAX_QUEUED_FRAMES = 1000;

/** Updates a client may send before its sync step 2. */
const MAX_HELD_UPDATES = 1000;

/**
 * One client's connection to one draft. It decodes every frame strictly and hands the message to
 * its {@link SharedDocument}; a bad frame closes this connection only, with a named close code.
 * Frames that arrive while the draft is still loading are queued and handled in order once it is.
 */
export class ClientConnection {
  readonly id = nextConnectionId++;
  /** Awareness client ids this connection has announced; removed from presence when it leaves. */
  readonly awarenessClients = new Set<number>();
  readonly logger: Logger;
  /**
   * A change from this connection was refused: what it sends after that builds on it, so the rest
   * of its changes are dropped. The editor discards its copy and opens a fresh connection.
   */
  refused = false;
  /** The whole text this connection was sent while its draft was loading (see `TextFirst`), if any. */
  private sentText: WholeText | null = null;
  /** Told once the client asks for the whole text while its draft is loading (see {@link whenAskingForWholeText}). */
  private askingForWholeText: (() => void) | null = null;
  /** Updates sent before the connection's sync step 2; null once it has arrived (see {@link hold}). */
  private held: Uint8Array[] | null = [];
  private document: SharedDocument | null = null;
  private queued: Uint8Array[] = [];
  private closed = false;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    private readonly socket: CollabSocket,
    readonly draftId: string,
    logger: Logger,
    /** Who is connected and their role; the role changes in place when the chair changes it. */
    readonly access: ConnectionAccess,
  ) {
    this.logger = logger.child({ draftId, connection: this.id, userId: access.userId });
    socket.onMessage((frame) => this.receive(frame));
    socket.onClose((code, reason) => {
      this.logger.debug({ code, reason }, 'collab connection closed');
      this.finish();
    });
  }

  /**
   * Holds an update sent before the connection's sync step 2 (its answer to the server's step 1)
   * until that arrives: an edit typed while reconnecting can build on offline edits that only the
   * step 2 brings. Returns false once the step 2 has arrived (handle the update now). Throws a
   * {@link ProtocolError} past {@link MAX_HELD_UPDATES}: a client that never syncs is misbehaving.
   */
  hold(update: Uint8Array): boolean {
    if (this.held === null) return false;
    if (this.held.length >= MAX_HELD_UPDATES) {
      throw new ProtocolError(CloseCode.MalformedMessage, 'too many changes before the sync step 2');
    }
    try {
      Y.decodeUpdate(update);
    } catch {
      throw new ProtocolError(CloseCode.InvalidUpdate, 'update could not be read');
    }
    this.held.push(update);
    return true;
  }

  /** The sync step 2 has arrived: returns what was held, to be handled after it, and holds nothing more. */
  releaseHeld(): Uint8Array[] {
    const held = this.held ?? [];
    this.held = null;
    return held;
  }

  /**
   * Tells the client its change was refused (an `edit-refused` event with the code and the
   * particulars, and y-websocket's permission-denied message). What it sends after that builds on
   * the refused change, so the document drops it (see {@link refused}).
   */
  refuse(refusal: { code: RefusalCode; reason: string }): void {
    this.logger.warn({ role: this.access.role, code: refusal.code, reason: refusal.reason }, 'refused a change');
    this.refused = true;
    this.send(encodeCollabEvent({ type: 'edit-refused', code: refusal.code, reason: refusal.reason }));
    this.send(encodePermissionDenied(refusal.reason));
  }

  /** Takes a new role at once (the chair changed it) and tells the client; presence shows it too. */
  changeRole(role: Role): void {
    this.access.role = role;
    this.access.presence = { ...this.access.presence, role };
    this.send(encodeCollabEvent({ type: 'role-changed', role }));
  }

  /** The whole text this connection was sent before its draft was loaded, until its sync step 1 is answered; or null. */
  get textSent(): WholeText | null {
    return this.sentText;
  }

  /**
   * Sends the whole text (a sync step 2) ahead of the draft's loading, and remembers it (see
   * `TextFirst`); `written` is called once it has been handed to the operating system, or not sent.
   */
  sendWholeText(whole: WholeText, written: () => void): void {
    if (this.sentText !== null || this.closed) return written();
    this.sentText = whole;
    this.socket.send(whole.message, written);
  }

  /**
   * Calls `listener` once the client, while its draft is loading, has asked for the whole text:
   * a sync step 1 from an empty copy, among the frames queued (at once if it already has); null
   * stops listening.
   */
  whenAskingForWholeText(listener: (() => void) | null): void {
    this.askingForWholeText = listener;
    if (listener && this.queued.some(asksForWholeText)) this.askedForWholeText();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Binds the connection to its loaded draft and handles what arrived meanwhile. */
  attach(document: SharedDocument): void {
    this.document = document;
    document.addConnection(this);
    const queued = this.queued;
    this.queued = [];
    for (const frame of queued) {
      if (this.closed) break;
      this.handle(frame);
    }
    // Its sync step 1, which asked for the text sent first, came before the draft was loaded: answered above.
    this.sentText = null;
  }

  /** Reads nothing more of what the client sends until {@link resumeReading} (see {@link ChangeIntake}). */
  pauseReading(): void {
    if (!this.closed) this.socket.pauseReading();
  }

  resumeReading(): void {
    if (!this.closed) this.socket.resumeReading();
  }

  send(message: Uint8Array): void {
    if (!this.closed) this.socket.send(message);
  }

  /** Closes this connection with a named code and logs why. */
  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    const level = code === CloseCode.GoingAway ? 'debug' : 'warn';
    this.logger[level]({ code, reason }, 'closing collab connection');
    this.socket.close(code, reason);
    this.finish();
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** Marks the connection closed and tells its listeners, once. */
  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    const listeners = this.closeListeners.splice(0);
    for (const listener of listeners) listener();
  }

  private receive(frame: Uint8Array): void {
    if (this.closed) return;
    if (!this.document) {
      if (this.queued.length >= MAX_QUEUED_FRAMES) {
        this.close(CloseCode.MalformedMessage, 'too many messages before the draft loaded');
        return;
      }
      this.queued.push(frame);
      if (this.askingForWholeText && asksForWholeText(frame)) this.askedForWholeText();
      return;
    }
    this.handle(frame);
  }

  private askedForWholeText(): void {
    const listener = this.askingForWholeText;
    this.askingForWholeText = null;
    listener?.();
  }

  private handle(frame: Uint8Array): void {
    const document = this.document;
    if (!document) return;
    try {
      document.handleMessage(this, decodeClientMessage(frame));
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.close(error.code, error.message);
      } else {
        this.logger.error({ err: error }, 'collab message handling failed');
        this.close(CloseCode.InternalError, 'internal error');
      }
    }
  }
}

/** Whether `frame` is a sync step 1 from an empty copy (a frame that cannot be read is not: it is refused once handled). */
function asksForWholeText(frame: Uint8Array): boolean {
  try {
    const message = decodeClientMessage(frame);
    return message.kind === 'sync-step-1' && FullStateAnswer.isFor(message.stateVector);
  } catch {
    return false;
  }
}
