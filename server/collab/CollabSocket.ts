/**
 * The little the collab core needs from a socket. The core depends on this, not on `ws`, so a
 * test can drive it with an in-memory pair ({@link ../testing/MemorySocketPair}).
 */
export interface CollabSocket {
  /**
   * Sends one binary frame; a no-op once the socket is closing. `written`, if given, is called once
   * the frame has been handed to the operating system (or could not be: the socket closed).
   */
  send(data: Uint8Array, written?: () => void): void;
  /** Closes with a code and a short reason (at most 123 bytes, as RFC 6455 allows). */
  close(code: number, reason: string): void;
  /**
   * Stops reading what the client sends: it waits in the operating system's buffer (and TCP's
   * flow control slows the client once that is full) until {@link resumeReading}.
   */
  pauseReading(): void;
  resumeReading(): void;
  onMessage(listener: (data: Uint8Array) => void): void;
  onClose(listener: (code: number, reason: string) => void): void;
}
