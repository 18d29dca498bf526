import type { CollabSocket } from '../collab/CollabSocket';

/**
 * An in-memory {@link CollabSocket} for deterministic protocol tests: the test plays the client,
 * sees every frame the server sent (the same objects, so "encoded once" is observable) and the
 * close code, and delivers frames synchronously.
 */
export class MemorySocket implements CollabSocket {
  readonly sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  /** Frames the client sent while reading was paused: delivered on resuming. */
  private unread: Uint8Array[] | null = null;
  private messageListeners: ((data: Uint8Array) => void)[] = [];
  private closeListeners: ((code: number, reason: string) => void)[] = [];

  send(data: Uint8Array, written?: () => void): void {
    if (!this.closed) this.sent.push(data);
    written?.();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = { code, reason };
    for (const listener of this.closeListeners) listener(code, reason);
  }

  get paused(): boolean {
    return this.unread !== null;
  }

  pauseReading(): void {
    this.unread ??= [];
  }

  resumeReading(): void {
    const unread = this.unread ?? [];
    this.unread = null;
    for (const frame of unread) this.deliver(frame);
  }

  onMessage(listener: (data: Uint8Array) => void): void {
    this.messageListeners.push(listener);
  }

  onClose(listener: (code: number, reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  /** The client sends a frame. */
  deliver(frame: Uint8Array): void {
    if (this.unread) {
      this.unread.push(frame);
      return;
    }
    for (const listener of this.messageListeners) listener(frame);
  }

  /** The client goes away. */
  disconnect(): void {
    this.close(1000, 'client left');
  }
}
