import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { COLLAB_PATH, DRAFT_ID_PATTERN } from '../../shared/collab';
import { CloseCode } from '../../shared/closeCodes';
import type { Logger } from '../logger';
import { ClientConnection } from './ClientConnection';
import type { DocumentRegistry } from './DocumentRegistry';
import type { UpgradeDecision } from './ConnectionAccess';
import { TurnQueue } from './TurnQueue';
import { WsSocket } from './WsSocket';

export interface CollabServerOptions {
  registry: DocumentRegistry;
  logger: Logger;
  maxMessageBytes: number;
  /** Decides who may connect to a draft, before any document byte is sent. */
  authorize: (request: IncomingMessage, draftId: string) => Promise<UpgradeDecision>;
}

/**
 * The websocket side of Accord: takes HTTP upgrades on `/collab/<draftId>` (same port as the API)
 * and hands each socket to the registry as a {@link ClientConnection}. Other upgrade paths get a
 * plain 404 and no socket.
 */
export class CollabServer {
  private readonly wss: WebSocketServer;
  private accepting = true;
  /** Upgrades are started one a turn: a crowd opening a draft at once does not hold up other drafts' keystrokes. */
  private readonly upgrades = new TurnQueue();

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
    this.upgrades.push(() =>
      this.upgrade(request, socket, head).catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'collab upgrade failed');
        rejectUpgrade(socket, 500, 'Internal Server Error');
      }),
    );
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
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
    const authorize = (): Promise<UpgradeDecision> => this.options.authorize(request, draftId);
    // Taken before the access is decided: a change of access from now on reaches the connection.
    const admission = this.options.registry.admission(draftId, authorize);
    const decision: UpgradeDecision = DRAFT_ID_PATTERN.test(draftId) ? await authorize() : { kind: 'no-draft' };
    if (socket.destroyed) return;
    if (decision.kind === 'refuse') {
      this.options.logger.info(
        { draftId, status: decision.status, reason: decision.reason },
        'refused a collab connection',
      );
      rejectUpgrade(socket, decision.status, decision.status === 401 ? 'Unauthorized' : 'Forbidden');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const logger = this.options.logger;
      if (decision.kind === 'no-draft') {
        logger.info({ draftId }, 'collab connection to a draft that does not exist');
        ws.close(CloseCode.DraftNotFound, 'no such draft');
        return;
      }
      const connection = new ClientConnection(new WsSocket(ws, logger, socket), draftId, logger, decision.access);
      void this.options.registry.connect(connection, admission);
    });
  }
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
