import pino from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { testAccess } from '../testing/connectionAccess';
import { MemorySocket } from '../testing/MemorySocket';
import { ClientConnection } from './ClientConnection';
import { decodeClientMessage, encodeAwareness } from './codec';
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
    presence.receivePeer(peerUpdate(22, { user: { ...testAccess('u2').presence } }), 'instance-a');
    presence.receivePeer(peerUpdate(33, { cursor: null }), 'instance-a');
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
    presence.receivePeer(
      peerUpdate(22, { user: { ...testAccess('u2').presence, name: 'Stamped elsewhere' } }),
      'instance-a',
    );
    presence.receive(connectionOf('u3'), [{ clientId: 22, clock: 5, state: {} }]);
    expect(presence.announcedBy(22)).toBe('u2');
    expect(nameOf22()).toBe('Stamped elsewhere');
    // The same person, come here after their instance stopped, goes on with it.
    presence.receive(connectionOf('u2'), [{ clientId: 22, clock: 6, state: {} }]);
    expect(nameOf22()).toBe('u2');
    presence.destroy();
  });

  it('takes away the entries of an instance that is gone, tells the connections here, and keeps those taken over', async () => {
    const sent: Uint8Array[] = [];
    const published: Uint8Array[] = [];
    const presence = new Presence(
      new Y.Doc(),
      (message) => sent.push(message),
      (update) => published.push(update),
    );
    const stamp = (userId: string) => ({ user: { ...testAccess(userId).presence } });
    const idsIn = (message: Uint8Array): number[] => {
      const decoded = decodeClientMessage(message);
      return decoded.kind === 'awareness' ? decoded.entries.map((entry) => entry.clientId).sort() : [];
    };
    const present = () => idsIn(presence.snapshot() ?? encodeAwareness(Uint8Array.of(0)));
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    presence.receive(connectionOf('u1'), [{ clientId: 11, clock: 1, state: {} }]);
    presence.receivePeer(peerUpdate(22, stamp('u2')), 'instance-a');
    presence.receivePeer(peerUpdate(33, stamp('u3')), 'instance-b');
    presence.receivePeer(peerUpdate(44, stamp('u4')), 'instance-a');
    await turn();
    published.length = 0;
    // u4 comes back through this instance with the clock it had: nothing new to apply, but the
    // other instances are told the entry is relayed from here now.
    presence.receive(connectionOf('u4'), [{ clientId: 44, clock: 1, state: {} }]);
    await turn();
    expect(published.map((update) => idsIn(encodeAwareness(update)))).toEqual([[44]]);
    sent.length = 0;
    published.length = 0;

    presence.peerGone('instance-a');
    expect(present()).toEqual([11, 33, 44]);
    await turn();
    // The connections here are told 22 left; nothing is published: it was never this instance's.
    expect(sent.map((message) => decodeClientMessage(message))).toEqual([
      { kind: 'awareness', entries: [{ clientId: 22, clock: 1, state: null }] },
    ]);
    expect(published).toEqual([]);
    presence.peerGone('instance-c');
    presence.peerGone('instance-b');
    expect(present()).toEqual([11, 44]);
    presence.destroy();
  });
});
