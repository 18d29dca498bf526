import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { COLLAB_PATH, DRAFT_ID_PATTERN } from '../../shared/collab';
import { CloseCode } from '../../shared/closeCodes';
import type { Logger } from '../logger';
import { ClientConnection } from './ClientConnection';
import type { DocumentRegistry } from './DocumentRegistry';
import { WsSocket } from './WsSocket';

export interface CollabServerOptions {
  registry: DocumentRegistry;
  logger: Logger;
  maxMessageBytes: number;
}

/**
 * The websocket side of Accord: takes HTTP upgrades on `/collab/<draftId>` (same port as the API)
 * and hands each socket to the registry as a {@link ClientConnection}. Other upgrade paths get a
 * plain 404 and no socket.
 */
export class CollabServer {
  private readonly wss: WebSocketServer;
  private accepting = true;

  constructor(
    server: Server,
    private readonly options: CollabServerOptions,
  ) {
    // ws enforces maxPayload itself and closes an oversized message with 1009 (CloseCode.MessageTooBig).
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
    server.on('upgrade', (request, socket, head) => this.handleUpgrade(request, socket, head));
  }

  /** Stops taking new connections; existing ones are closed by the registry. */
  stopAccepting(): void {
    this.accepting = false;
  }

  /** Terminates any socket still open (after the registry closed them politely). */
  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => this.options.logger.debug({ err: error }, 'upgrade socket error'));
    const url = new URL(request.url ?? '/', 'http://localhost');
    const prefix = `${COLLAB_PATH}/`;
    if (!url.pathname.startsWith(prefix)) {
      rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (!this.accepting) {
      rejectUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    let draftId: string;
    try {
      draftId = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      draftId = '';
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const logger = this.options.logger;
      const connection = new ClientConnection(new WsSocket(ws, logger), draftId, logger);
      if (!DRAFT_ID_PATTERN.test(draftId)) {
        connection.close(CloseCode.DraftNotFound, 'not a draft id');
        return;
      }
      void this.options.registry.connect(connection);
    });
  }
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
