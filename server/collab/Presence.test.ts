import pino from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { testAccess } from '../testing/connectionAccess';
import { MemorySocket } from '../testing/MemorySocket';
import { ClientConnection } from './ClientConnection';
import { decodeClientMessage } from './codec';
import { Presence } from './Presence';

const logger = pino({ level: 'silent' });

/** An awareness update for `clientId` with `state`, as another instance publishes its connections' entries. */
function peerUpdate(clientId: number, state: Record<string, unknown>): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.states.set(clientId, state);
  awareness.meta.set(clientId, { clock: 1, lastUpdated: Date.now() });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]);
  awareness.destroy();
  return update;
}

function connectionOf(userId: string): ClientConnection {
  return new ClientConnection(new MemorySocket(), 'd', logger, testAccess(userId));
}

describe('who announced a presence entry', () => {
  it('names the person of an entry of this instance’s connection, or of one another instance relayed', () => {
    const presence = new Presence(new Y.Doc(), () => undefined);
    const here = connectionOf('u1');
    presence.receive(here, [{ clientId: 11, clock: 1, state: {} }]);
    presence.receivePeer(peerUpdate(22, { user: { ...testAccess('u2').presence } }));
    presence.receivePeer(peerUpdate(33, { cursor: null }));
    expect(presence.announcedBy(11)).toBe('u1');
    expect(presence.announcedBy(22)).toBe('u2');
    expect(presence.announcedBy(33)).toBeUndefined();
    expect(presence.announcedBy(44)).toBeUndefined();
    presence.destroy();
  });

  it('lets only its own person take over an entry another instance relayed', () => {
    const presence = new Presence(new Y.Doc(), () => undefined);
    const nameOf22 = (): unknown => {
      const message = decodeClientMessage(presence.snapshot()!);
      const entry = message.kind === 'awareness' ? message.entries.find((e) => e.clientId === 22) : undefined;
      return entry && 'state' in entry ? (entry.state?.user as { name?: unknown } | undefined)?.name : undefined;
    };
    presence.receivePeer(peerUpdate(22, { user: { ...testAccess('u2').presence, name: 'Stamped elsewhere' } }));
    presence.receive(connectionOf('u3'), [{ clientId: 22, clock: 5, state: {} }]);
    expect(presence.announcedBy(22)).toBe('u2');
    expect(nameOf22()).toBe('Stamped elsewhere');
    // The same person, come here after their instance stopped, goes on with it.
    presence.receive(connectionOf('u2'), [{ clientId: 22, clock: 6, state: {} }]);
    expect(nameOf22()).toBe('u2');
    presence.destroy();
  });
});
