import type { CloseCode } from '../../shared/closeCodes';
import type { ClientConnection } from './ClientConnection';

/**
 * What keeps a draft loaded: its open connections, and leases taken by the server while it works
 * on the draft without one. When the last of both is gone, {@link onIdle} is called (the registry
 * then unloads the draft).
 */
export class DraftConnections {
  private readonly open = new Set<ClientConnection>();
  private leases = 0;

  /** Called when the last connection and lease are gone. */
  onIdle: (() => void) | null = null;

  /** `closed`: a connection is gone (its presence and client ids are the draft's to forget). */
  constructor(private readonly closed: (connection: ClientConnection) => void) {}

  /** No connection and no lease: nothing keeps the draft loaded. */
  get isIdle(): boolean {
    return this.open.size === 0 && this.leases === 0;
  }

  add(connection: ClientConnection): void {
    this.open.add(connection);
    connection.onClose(() => this.remove(connection));
  }

  /** Every open connection. */
  all(): ClientConnection[] {
    return [...this.open];
  }

  /** The open connections of one person (to close or downgrade them when their access changes). */
  of(userId: string): ClientConnection[] {
    return this.all().filter((connection) => connection.access.userId === userId);
  }

  /**
   * Sends one message, encoded once, to every connection. `changes`: those it carries, by author;
   * when all of them came from one connection, that one has them already and is not sent them back
   * (a typist does not receive their own keystrokes).
   */
  broadcast(message: Uint8Array, changes: readonly { author: unknown }[] = []): void {
    const first = changes[0]?.author;
    const sender = changes.every(({ author }) => author === first) ? first : undefined;
    for (const connection of this.open) if (connection !== sender) connection.send(message);
  }

  /** Closes every connection with `code` (for example on shutdown or when the draft is archived). */
  closeAll(code: CloseCode, reason: string): void {
    for (const connection of this.all()) connection.close(code, reason);
  }

  /** Keeps the draft loaded while the server works on it without a client connection; call the result to let go. */
  lease(): () => void {
    this.leases++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.leases--;
      this.checkIdle();
    };
  }

  private remove(connection: ClientConnection): void {
    if (!this.open.delete(connection)) return;
    this.closed(connection);
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.isIdle) this.onIdle?.();
  }
}
