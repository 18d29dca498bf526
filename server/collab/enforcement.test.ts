import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import { CloseCode } from '../../shared/closeCodes';
import type { CollabEvent } from '../../shared/collab';
import { ACCORD_EVENT_MESSAGE } from '../../shared/collab';
import type { CollabClient } from '../testing/collabClient';
import { clauseText, connectClient, documentString, caretAt } from '../testing/collabClient';
import type { TestSession } from '../testing/session';
import { DEMO, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { waitFor } from '../testing/waitFor';
import { holdMembershipRead } from '../testing/holdMembershipRead';
import { MessageType, decodeClientMessage, encodeAwareness, encodeSyncStep1, encodeUpdate } from './codec';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(overrides: Parameters<typeof startTestServer>[0] = {}) {
  const s = await startTestServer(overrides);
  cleanups.push(() => s.close());
  const [chair, delegate, observer] = await Promise.all([
    signIn(s.url, DEMO.chair),
    signIn(s.url, DEMO.valdoria),
    signIn(s.url, DEMO.rightsObserver),
  ]);
  const draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
  return { s, chair, delegate, observer, draftId };
}

function connect(s: TestServer, draftId: string, session: TestSession): CollabClient {
  const client = connectClient(s.collabUrl, draftId, { token: session.token });
  cleanups.push(() => client.destroy());
  return client;
}

/** A raw socket that records every frame and its close; it speaks only when told to. */
function rawSocket(url: string, headers: Record<string, string> = {}) {
  const frames: Uint8Array[] = [];
  const ws = new WebSocket(url, { headers });
  cleanups.push(() => ws.terminate());
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, frames, opened, closed };
}

/** The HTTP status of a refused upgrade, and whether any frame arrived. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<{ status: number; frames: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    let frames = 0;
    ws.on('message', () => frames++);
    ws.on('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, frames });
      ws.terminate();
    });
    ws.on('open', () => resolve({ status: 101, frames }));
    ws.on('error', () => undefined);
  });
}

describe('who may connect to a draft', () => {
  it('refuses an upgrade without a valid token with 401, and a person without a role with 403, before any document byte', async () => {
    const { s, chair, delegate } = await setup();
    const ownDraft = (
      (await chair.api('/api/drafts', { method: 'POST', json: { title: 'Chair only' } })).body.draft as { id: string }
    ).id;
    expect(await upgradeStatus(`${s.collabUrl}/${ownDraft}`)).toEqual({ status: 401, frames: 0 });
    expect(await upgradeStatus(`${s.collabUrl}/${ownDraft}?token=acs_forged`)).toEqual({ status: 401, frames: 0 });
    expect(await upgradeStatus(`${s.collabUrl}/${ownDraft}?token=${delegate.token}`)).toEqual({
      status: 403,
      frames: 0,
    });
    expect((await upgradeStatus(`${s.collabUrl}/${ownDraft}?token=${chair.token}`)).status).toBe(101);
  });

  it('accepts the session cookie only from a page of this server (no cross-site socket)', async () => {
    const { s, chair, draftId } = await setup();
    const cookie = `accord_session=${chair.token}`;
    const host = new URL(s.url).host;
    expect((await upgradeStatus(`${s.collabUrl}/${draftId}`, { cookie, origin: `http://${host}` })).status).toBe(101);
    expect(await upgradeStatus(`${s.collabUrl}/${draftId}`, { cookie, origin: 'https://evil.example' })).toEqual({
      status: 403,
      frames: 0,
    });
    expect(await upgradeStatus(`${s.collabUrl}/${draftId}`, { cookie })).toEqual({ status: 403, frames: 0 });
  });

  it('closes connections of a signed-out session', async () => {
    const { s, delegate, draftId } = await setup();
    const raw = rawSocket(`${s.collabUrl}/${draftId}?token=${delegate.token}`);
    await raw.opened;
    await delegate.api('/api/auth/logout', { method: 'POST' });
    expect(await raw.closed).toBe(CloseCode.SessionEnded);
    expect(await upgradeStatus(`${s.collabUrl}/${draftId}?token=${delegate.token}`)).toEqual({
      status: 401,
      frames: 0,
    });
  });
});

describe('an observer on the collab socket', () => {
  it(
    'receives the text and presence, but a real edit sent with an ' +
      'observer token never happens: not applied, stored, relayed, nor there after a restart',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-observer-'));
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      const first = await startTestServer({ dataDir });
      const chair = await signIn(first.url, DEMO.chair);
      const observer = await signIn(first.url, DEMO.rightsObserver);
      const draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
      const watcher = connectClient(first.collabUrl, draftId, { token: chair.token });
      await watcher.synced();
      watcher.provider.awareness.setLocalStateField('cursor', caretAt(clauseText(watcher.doc, 'operative', 1), 3));
      const before = documentString(watcher.doc);

      // The observer's client is a raw y-websocket client: it syncs, then sends a genuine edit.
      const raw = rawSocket(`${first.collabUrl}/${draftId}?token=${observer.token}`);
      await raw.opened;
      const observerDoc = new Y.Doc();
      raw.ws.send(encodeSyncStep1(Y.encodeStateVector(observerDoc)));
      await waitFor(() => {
        for (const frame of raw.frames) {
          const message = decodeClientMessage(frame);
          if (message.kind === 'sync-step-2' || message.kind === 'update') Y.applyUpdate(observerDoc, message.update);
        }
        expect(documentString(observerDoc)).toBe(before);
      });
      // Presence reached the observer too.
      expect(raw.frames.some((frame) => frame[0] === MessageType.Awareness)).toBe(true);

      const vector = Y.encodeStateVector(observerDoc);
      clauseText(observerDoc, 'operative', 0).insert(0, 'OBSERVER WAS HERE ');
      const framesBefore = raw.frames.length;
      raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(observerDoc, vector)));

      // The observer is told, and stays connected read-only.
      await waitFor(() => {
        const events = raw.frames.slice(framesBefore).filter((frame) => frame[0] === 100);
        expect(events.length).toBeGreaterThan(0);
        expect(new TextDecoder().decode(events[0]!.slice(2))).toMatch(/edit-refused/);
      });
      expect(raw.ws.readyState).toBe(WebSocket.OPEN);

      // The chair, a newcomer and the restarted server never see it.
      const newcomer = connectClient(first.collabUrl, draftId, { token: chair.token });
      await newcomer.synced();
      expect(documentString(newcomer.doc)).toBe(before);
      expect(documentString(watcher.doc)).toBe(before);
      newcomer.destroy();
      watcher.destroy();
      raw.ws.terminate();
      await first.close();

      const second = await startTestServer({ dataDir });
      cleanups.push(() => second.close());
      const again = await signIn(second.url, DEMO.chair);
      const reader = connect(second, draftId, again);
      await reader.synced();
      expect(documentString(reader.doc)).toBe(before);
      expect(documentString(reader.doc)).not.toContain('OBSERVER WAS HERE');
    },
  );
});

describe('presence identity', () => {
  it('stamps the authenticated identity on presence, whatever name or delegation a client claims', async () => {
    const { s, chair, delegate, draftId } = await setup();
    const watcher = connect(s, draftId, chair);
    const liar = connect(s, draftId, delegate);
    await Promise.all([watcher.synced(), liar.synced()]);
    liar.provider.awareness.setLocalStateField('user', {
      name: 'Amina Diallo',
      affiliation: 'Conference Secretariat',
      role: 'chair',
      color: '#000000',
    });
    await waitFor(() =>
      expect(watcher.provider.awareness.getStates().get(liar.doc.clientID)?.user).toMatchObject({
        name: 'Lena Varga',
        affiliation: 'Republic of Valdoria',
        affiliationCode: 'XVA',
        role: 'delegate',
      }),
    );
  });

  it('does not let a connection overwrite or remove another connection’s presence', async () => {
    const { s, chair, delegate, draftId } = await setup();
    const victim = connect(s, draftId, chair);
    await victim.synced();
    const text = clauseText(victim.doc, 'operative', 1);
    victim.provider.awareness.setLocalStateField('cursor', caretAt(text, 1));
    const watcher = connect(s, draftId, chair);
    await watcher.synced();
    await waitFor(() =>
      expect(watcher.provider.awareness.getStates().get(victim.doc.clientID)?.cursor).toEqual(caretAt(text, 1)),
    );

    const raw = rawSocket(`${s.collabUrl}/${draftId}?token=${delegate.token}`);
    await raw.opened;
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = victim.doc.clientID;
    forged.setLocalState({ cursor: caretAt(text, 9) });
    forged.meta.set(victim.doc.clientID, { clock: 1000, lastUpdated: Date.now() });
    raw.ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(forged, [victim.doc.clientID])));
    forged.destroy();
    // A later, honest change by the victim still arrives; the forged one never did.
    victim.provider.awareness.setLocalStateField('cursor', caretAt(text, 2));
    await waitFor(() =>
      expect(watcher.provider.awareness.getStates().get(victim.doc.clientID)?.cursor).toEqual(caretAt(text, 2)),
    );
    expect(watcher.provider.awareness.getStates().get(victim.doc.clientID)?.user).toMatchObject({
      name: 'Amina Diallo',
    });
  });
});

describe('membership changes reach open connections at once', () => {
  it('removing a member closes their socket within a second', async () => {
    const { s, chair, delegate, draftId } = await setup();
    const raw = rawSocket(`${s.collabUrl}/${draftId}?token=${delegate.token}`);
    await raw.opened;
    const started = Date.now();
    expect((await chair.api(`/api/drafts/${draftId}/members/${delegate.user.id}`, { method: 'DELETE' })).status).toBe(
      200,
    );
    expect(await raw.closed).toBe(CloseCode.MembershipRevoked);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await upgradeStatus(`${s.collabUrl}/${draftId}?token=${delegate.token}`)).status).toBe(403);
  });

  it('downgrading a delegate to observer makes their open socket read-only at once', async () => {
    const { s, chair, delegate, draftId } = await setup();
    const editor = connect(s, draftId, delegate);
    const events: CollabEvent[] = [];
    editor.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) => {
      events.push(JSON.parse(decoding.readVarString(decoder)) as CollabEvent);
    };
    const watcher = connect(s, draftId, chair);
    await Promise.all([editor.synced(), watcher.synced()]);
    editor.provider.awareness.setLocalStateField('cursor', null);
    await waitFor(() =>
      expect(watcher.provider.awareness.getStates().get(editor.doc.clientID)?.user?.role).toBe('delegate'),
    );
    clauseText(editor.doc, 'operative', 1).insert(0, 'Before. ');
    await waitFor(() => expect(clauseText(watcher.doc, 'operative', 1).toString()).toMatch(/^Before\. /));

    expect(
      (
        await chair.api(`/api/drafts/${draftId}/members/${delegate.user.id}`, {
          method: 'PATCH',
          json: { role: 'observer' },
        })
      ).status,
    ).toBe(200);
    await waitFor(() => expect(events).toContainEqual({ type: 'role-changed', role: 'observer' }));
    await waitFor(() =>
      expect(watcher.provider.awareness.getStates().get(editor.doc.clientID)?.user?.role).toBe('observer'),
    );
    clauseText(editor.doc, 'operative', 1).insert(0, 'After. ');
    await waitFor(() => expect(events.some((event) => event.type === 'edit-refused')).toBe(true));
    // The same socket is still open, and the change goes nowhere.
    const check = connect(s, draftId, chair);
    await check.synced();
    expect(editor.provider.wsconnected).toBe(true);
    expect(clauseText(check.doc, 'operative', 1).toString()).toMatch(/^Before\. /);
    expect(clauseText(watcher.doc, 'operative', 1).toString()).not.toMatch(/After\./);
  });
});

describe('changes of access while a connection is arriving', () => {
  /** The draft open (the chair is in it), and the delegate's socket arriving, its upgrade held after its reads. */
  async function arriving() {
    const context = await setup();
    const { s, chair, delegate, draftId } = context;
    await connect(s, draftId, chair).synced();
    const upgrade = holdMembershipRead(s.storage, draftId, delegate.user.id);
    cleanups.push(() => upgrade.restore());
    return { ...context, upgrade };
  }

  /** The close code, or 'open' if the socket is still open after `ms`. */
  const closedWithin = (closed: Promise<number>, ms: number) =>
    Promise.race([closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms))]);

  it('a sign-out while the upgrade is being decided closes the arriving connection', async () => {
    const { s, delegate, draftId, upgrade } = await arriving();
    const raw = rawSocket(`${s.collabUrl}/${draftId}?token=${delegate.token}`);
    await upgrade.held;
    expect((await delegate.api('/api/auth/logout', { method: 'POST' })).status).toBe(200);
    upgrade.release();
    await raw.opened;
    expect(await closedWithin(raw.closed, 3000)).toBe(CloseCode.SessionEnded);
  });

  it('a removal while the upgrade is being decided closes the arriving connection', async () => {
    const { s, chair, delegate, draftId, upgrade } = await arriving();
    const raw = rawSocket(`${s.collabUrl}/${draftId}?token=${delegate.token}`);
    await upgrade.held;
    const removed = await chair.api(`/api/drafts/${draftId}/members/${delegate.user.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    upgrade.release();
    await raw.opened;
    expect(await closedWithin(raw.closed, 3000)).toBe(CloseCode.MembershipRevoked);
  });

  it('a new role given while the upgrade is being decided applies to the arriving connection', async () => {
    const { s, chair, delegate, draftId, upgrade } = await arriving();
    const editor = connect(s, draftId, delegate);
    const events: CollabEvent[] = [];
    editor.provider.messageHandlers[ACCORD_EVENT_MESSAGE] = (_encoder, decoder) => {
      events.push(JSON.parse(decoding.readVarString(decoder)) as CollabEvent);
    };
    await upgrade.held;
    const patched = await chair.api(`/api/drafts/${draftId}/members/${delegate.user.id}`, {
      method: 'PATCH',
      json: { role: 'observer' },
    });
    expect(patched.status).toBe(200);
    upgrade.release();
    await editor.synced();
    await waitFor(() => expect(events).toContainEqual({ type: 'role-changed', role: 'observer' }));
    clauseText(editor.doc, 'operative', 1).insert(0, 'Typed as an observer. ');
    await waitFor(() => expect(events.some((event) => event.type === 'edit-refused')).toBe(true));
    const check = connect(s, draftId, chair);
    await check.synced();
    expect(clauseText(check.doc, 'operative', 1).toString()).not.toMatch(/Typed as an observer/);
  });
});
