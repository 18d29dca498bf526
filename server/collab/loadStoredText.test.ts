import fs from 'node:fs';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ACCORD_EVENT_MESSAGE, DOCUMENT_FIELD } from '../../shared/collab';
import type { Role } from '../../shared/roles';
import { clauseTexts } from '../drafts/documentOutline';
import { DraftService } from '../drafts/DraftService';
import type { KyselyStorage } from '../storage/KyselyStorage';
import { openSqliteStorage } from '../storage/openSqliteStorage';
import { clauseText, insertClause, sectionElement } from '../testing/collabClient';
import { MemorySocket } from '../testing/MemorySocket';
import { changeOf, storedDoc } from '../testing/storedText';
import { testAccess } from '../testing/connectionAccess';
import { waitFor } from '../testing/waitFor';
import { charactersUnder } from '../text/yjsTree';
import { ClientConnection } from './ClientConnection';
import { decodeClientMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './codec';
import { DocumentRegistry } from './DocumentRegistry';
import { FullStateAnswer, type WholeText, wholeOf } from './FullStateAnswer';
import { applyInTurns, loadStoredText, storedBytes, storedTextOf } from './loadStoredText';
import { checkedStateOf, digestOf, recordCheckedState } from './checkedStates';
import { readInPieces } from './readInPieces';
import { readInPiecesOffThread } from './readInPiecesOffThread';

const logger = pino({ level: 'silent' });
type StagingBuild = (giveWay: () => Promise<void>) => Promise<{ doc: Y.Doc; characters: number }>;
/** Every draft counts as large here, cut into steps of about 256 bytes. */
const IN_PIECES = { readOffThreadFrom: 0, stepBytes: 256 };
let dir: string;
let storage: KyselyStorage;
let draftId: string;
const registries: DocumentRegistry[] = [];
let users = 0;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-pieces-'));
  storage = await openSqliteStorage(dir);
  draftId = (await new DraftService(storage, registry({ compactAfterUpdates: 1000 }), logger).create('Large draft')).id;
  const doc = storedDoc(await storage.loadDocument(draftId));
  // Forty clauses of a few hundred characters each: the stored text is several pieces long.
  const clauses = changeOf(doc, (copy) => {
    for (let i = 0; i < 40; i++) insertClause(copy, 'operative', 0, { id: `c${i}`, text: `Clause ${i} `.repeat(40) });
  });
  await storage.appendUpdates(draftId, [{ data: clauses, authorId: null }], new Date());
});
afterEach(async () => {
  for (const open of registries.splice(0)) await open.closeAll();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function registry(options: ConstructorParameters<typeof DocumentRegistry>[2]): DocumentRegistry {
  const created = new DocumentRegistry(storage, logger, options);
  registries.push(created);
  return created;
}

/** Connects a client with an empty copy and returns it with the frames of the server's answer to its sync step 1. */
async function join(to: DocumentRegistry, role: Role = 'delegate') {
  const socket = new MemorySocket();
  const connection = new ClientConnection(socket, draftId, logger, testAccess(`user-${++users}`, role));
  socket.deliver(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
  await to.connect(connection);
  // A text in pieces is sent a newcomer in a turn of its own.
  await waitFor(() =>
    expect(socket.sent.some((frame) => decodeClientMessage(frame).kind === 'sync-step-2')).toBe(true),
  );
  const answer = socket.sent
    .filter((frame) => frame[0] !== ACCORD_EVENT_MESSAGE)
    .map((frame) => decodeClientMessage(frame))
    .filter((message) => message.kind === 'update' || message.kind === 'sync-step-2');
  const doc = new Y.Doc();
  for (const message of answer) Y.applyUpdate(doc, message.update);
  socket.deliver(encodeSyncStep2(new Uint8Array([0, 0])));
  socket.sent.length = 0;
  return { socket, doc, answer };
}

describe('loading a large draft a few steps at a time', () => {
  it('reads and encodes the text on the worker thread; every newcomer is sent that encoding in one sync step 2', async () => {
    const stored = storedDoc(await storage.loadDocument(draftId));
    const pieces = registry({ compactAfterUpdates: 1000, ...IN_PIECES });
    // The worker reads the text from the SQLite file: this thread reads none of it.
    const loadDocument = storage.loadDocument.bind(storage);
    let readHere = 0;
    storage.loadDocument = (...args) => (readHere++, loadDocument(...args));
    const first = await join(pieces);
    const second = await join(pieces);
    expect(readHere).toBe(0);
    for (const { answer, doc } of [first, second]) {
      // In one message: the editor takes in the whole text at once, never a part that breaks the schema.
      expect(answer[0]).toEqual({ kind: 'sync-step-2', update: Y.encodeStateAsUpdate(stored) });
      expect(doc.store.pendingStructs).toBeNull();
      expect(clauseTexts(doc)).toEqual(clauseTexts(stored));
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(stored));
    }
    // The first was sent it while the draft loaded, and its sync step 1 then answered with nothing more.
    expect(first.answer.slice(1)).toEqual([{ kind: 'sync-step-2', update: Uint8Array.of(0, 0) }]);
    expect(second.answer).toHaveLength(1);
  });

  it('has the worker hand over the checked text before the rest of the reading, as the object the reading holds', async () => {
    const unread = await storage.loadDocument(draftId);
    const { whole } = readInPieces(unread.state, unread.updates, 256)!;
    const loaded = await storage.loadDocument(draftId);
    const handed: WholeText[] = [];
    let resolved = false;
    const reading = readInPiecesOffThread(loaded, 256, (text) => {
      handed.push(text);
      expect(resolved).toBe(false);
    });
    void reading.then(() => (resolved = true));
    const result = await reading;
    expect(handed).toHaveLength(1);
    expect(result?.whole).toBe(handed[0]);
    expect(handed[0]!.message).toEqual(whole.message);
    expect(result?.steps.length).toBeGreaterThan(1);
    // A text that needs the careful load (here a change whose text is missing) is handed to no one.
    const orphan = changeOf(storedDoc(await storage.loadDocument(draftId)), (copy) =>
      insertClause(copy, 'operative', 0, { id: 'orphan', text: 'Orphan' }),
    );
    const unchecked: WholeText[] = [];
    expect(
      await readInPiecesOffThread({ state: null, updates: [orphan] }, 256, (text) => unchecked.push(text)),
    ).toBeNull();
    expect(unchecked).toEqual([]);
    // Those handed the text failing fails the read, as a lost worker does; the next read goes on.
    const again = await storage.loadDocument(draftId);
    const failing = readInPiecesOffThread(again, 256, () => {
      throw new Error('no one to send it to');
    });
    await expect(failing).rejects.toThrow('no one to send it to');
    const next = await storage.loadDocument(draftId);
    expect((await readInPiecesOffThread(next, 256))?.whole.message).toEqual(whole.message);
  });

  it('sends the text to a newcomer as soon as the worker has read it, before it is built; its changes wait for the draft', async () => {
    const stored = storedDoc(await storage.loadDocument(draftId));
    // Steps of 32 bytes, one a turn: the live text takes many turns to build.
    const pieces = registry({ compactAfterUpdates: 1000, readOffThreadFrom: 0, stepBytes: 32, sliceMs: 0 });
    const socket = new MemorySocket();
    const connection = new ClientConnection(socket, draftId, logger, testAccess('early', 'delegate'));
    let attached = false;
    const connecting = pieces.connect(connection).then(() => (attached = true));
    socket.deliver(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => expect(socket.sent.length).toBeGreaterThan(0));
    expect(attached).toBe(false);
    const early = decodeClientMessage(socket.sent[0]!);
    expect(early).toEqual({ kind: 'sync-step-2', update: Y.encodeStateAsUpdate(stored) });
    // The client has the text and types at once, before the draft is loaded: the change is held until it is.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (early as { update: Uint8Array }).update);
    clauseText(doc, 'operative', 0).insert(0, 'Early. ');
    socket.deliver(encodeUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(stored))));
    await connecting;
    // Answered, it no longer holds on to the 2 MiB message.
    expect(connection.textSent).toBeNull();
    const kinds = socket.sent.filter((frame) => frame[0] !== ACCORD_EVENT_MESSAGE).map((f) => decodeClientMessage(f));
    // Then, loaded: the server's sync step 1, and the answer to the client's, which brings nothing more.
    expect(kinds.slice(1, 2).map((message) => message.kind)).toEqual(['sync-step-1']);
    expect(kinds).toContainEqual({ kind: 'sync-step-2', update: Uint8Array.of(0, 0) });
    expect(kinds.filter((message) => message.kind === 'sync-step-2')).toHaveLength(2);
    socket.deliver(encodeSyncStep2(Uint8Array.of(0, 0)));
    const document = (await pieces.peek(draftId))!;
    await document.flushed();
    expect(clauseText(storedDoc(await storage.loadDocument(draftId)), 'operative', 0).toString()).toMatch(/^Early\. /);
  });

  it('sends the text early to no one with a copy of their own, and to those whose access may have changed only once decided again', async () => {
    const stored = storedDoc(await storage.loadDocument(draftId));
    const pieces = registry({ compactAfterUpdates: 1000, readOffThreadFrom: 0, stepBytes: 32, sliceMs: 0 });
    const returning = new MemorySocket();
    const withCopy = new ClientConnection(returning, draftId, logger, testAccess('returning', 'delegate'));
    returning.deliver(encodeSyncStep1(Y.encodeStateVector(stored)));
    const removedSocket = new MemorySocket();
    const removed = new ClientConnection(removedSocket, draftId, logger, testAccess('removed', 'delegate'));
    removedSocket.deliver(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    // Decided before a change of access this registry made since (the person was removed meanwhile).
    const admission = {
      changes: -1,
      heard: true,
      decide: () => Promise.resolve({ kind: 'refuse' as const, status: 403 as const, reason: 'removed' }),
    };
    // Decided before this instance heard the draft's changes of access (with other instances): decided again first.
    const unheardSocket = new MemorySocket();
    const unheard = new ClientConnection(unheardSocket, draftId, logger, testAccess('unheard', 'observer'));
    unheardSocket.deliver(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    let decisions = 0;
    const decide = () => {
      decisions++;
      return Promise.resolve({ kind: 'accept' as const, access: testAccess('unheard', 'observer') });
    };
    await Promise.all([
      pieces.connect(withCopy),
      pieces.connect(removed, admission),
      pieces.connect(unheard, { changes: 0, heard: false, decide }),
    ]);
    const first = decodeClientMessage(returning.sent[0]!);
    expect(first.kind).toBe('sync-step-1');
    expect(removed.isClosed).toBe(true);
    expect(removedSocket.sent.filter((frame) => frame[0] !== ACCORD_EVENT_MESSAGE)).toEqual([]);
    expect(decodeClientMessage(unheardSocket.sent[0]!)).toEqual({
      kind: 'sync-step-2',
      update: Y.encodeStateAsUpdate(stored),
    });
    // Once before the text was sent, once as the draft's loading ended (as for any connection that came unheard).
    expect(decisions).toBe(2);
    expect(unheard.isClosed).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'reads on a thread ten steps below the process, which yields the cores to the threads serving people',
    async () => {
      /** The niceness of each of this process's threads (field 19 of its stat, counted after the name). */
      const niceness = () =>
        fs.readdirSync('/proc/self/task').map((thread) => {
          const stat = fs.readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
        });
      const own = os.getPriority();
      const pieces = await loadStoredText({ read: () => storage.loadDocument(draftId) }, logger, IN_PIECES);
      expect(pieces.checked).toBe(true);
      expect(niceness().filter((nice) => nice === Math.min(19, own + 10))).toHaveLength(1);
      expect(niceness().filter((nice) => nice === own).length).toBeGreaterThan(1);
    },
  );

  it('gives the same live text, staging copy and history start as a load in one step', async () => {
    const read = () => storage.loadDocument(draftId);
    const pieces = await loadStoredText({ read }, logger, IN_PIECES);
    const whole = await loadStoredText({ read }, logger, {});
    expect(pieces.checked).toBe(true);
    expect(whole.checked).toBe(false);
    // The stored bytes were handed to the worker, not copied.
    expect(storedBytes(pieces.stored)).toBe(0);
    expect(storedBytes(whole.stored)).toBeGreaterThan(40 * 350);
    expect(pieces.whole).toEqual(wholeOf(Y.encodeStateAsUpdate(whole.doc)));
    expect(whole.whole).toBeNull();
    expect(Y.encodeStateAsUpdate(pieces.doc)).toEqual(Y.encodeStateAsUpdate(whole.doc));
    const words = clauseTexts(whole.doc);
    expect(words.size).toBeGreaterThan(40);
    for (const [clauseId, text] of words) expect(pieces.clauseTexts.get(clauseId)).toBe(text);
    expect(pieces.staging).toBeInstanceOf(Function);
    const staging = await (pieces.staging as StagingBuild)(() => Promise.resolve());
    expect(staging.doc).not.toBe(pieces.doc);
    expect(Y.encodeStateAsUpdate(staging.doc)).toEqual(Y.encodeStateAsUpdate(whole.doc));
    expect(staging.characters).toBe(charactersUnder(whole.doc.getXmlFragment(DOCUMENT_FIELD)));
    expect(staging.characters).toBeGreaterThan(40 * 350);
  });

  it('builds the text from steps, a slice of the thread at a time', async () => {
    const loaded = await storage.loadDocument(draftId);
    const reading = readInPieces(loaded.state, loaded.updates, 256)!;
    expect(reading.steps.length).toBeGreaterThan(20);
    /** Applies the steps in slices of `sliceMs` while other work ticks; returns the steps applied in each run between two ticks. */
    const runs = async (sliceMs: number): Promise<number[]> => {
      const order: string[] = [];
      const doc = new Y.Doc();
      doc.on('update', () => order.push('step'));
      let ticking = true;
      const tick = (): void => {
        order.push('other');
        if (ticking) setImmediate(tick);
      };
      setImmediate(tick);
      await applyInTurns(doc, reading.steps, { sliceMs });
      ticking = false;
      expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(storedDoc(loaded)));
      return order
        .join(' ')
        .split('other')
        .map((run) => run.trim())
        .filter(Boolean)
        .map((run) => run.split(' ').length);
    };
    // With no time to spare, each step has a turn of its own; with a minute, one turn takes them all.
    expect(await runs(0)).toEqual(reading.steps.map(() => 1));
    expect(await runs(60_000)).toEqual([reading.steps.length]);
  });

  it('collects the young generation after each turn', async () => {
    const loaded = await storage.loadDocument(draftId);
    const reading = readInPieces(loaded.state, loaded.updates, 256)!;
    let turns = 0;
    await applyInTurns(new Y.Doc(), reading.steps, { sliceMs: 0, afterTurn: () => turns++ });
    expect(turns).toBe(reading.steps.length);
    // The default: a real scavenge each turn, seen by the runtime's own account of its collections.
    const scavenges: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[])
        if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges.push(entry.duration);
    });
    observer.observe({ entryTypes: ['gc'] });
    await applyInTurns(new Y.Doc(), reading.steps.slice(0, 5), { sliceMs: 0 });
    await waitFor(() => expect(scavenges.length).toBeGreaterThanOrEqual(5));
    observer.disconnect();
  });

  it('gives way before each turn, so newcomers waiting for a large text are sent it first', async () => {
    const loaded = await storage.loadDocument(draftId);
    const reading = readInPieces(loaded.state, loaded.updates, 256)!;
    const live = storedDoc(loaded);
    const answer = new FullStateAnswer(live, wholeOf(Y.encodeStateAsUpdate(live)), {
      maxChanges: 500,
      maxShare: 0.5,
      readOffThreadFrom: 0,
    });
    const order: string[] = [];
    for (let i = 0; i < 3; i++) answer.sendTo({ send: () => order.push('sent') });
    const copy = new Y.Doc();
    copy.on('update', () => {
      // A newcomer who comes while the copy is built (in its first turn here) goes before its next turn.
      if (!order.includes('step')) setImmediate(() => answer.sendTo({ send: () => order.push('sent') }));
      order.push('step');
    });
    await applyInTurns(copy, reading.steps.slice(0, 4), { sliceMs: 0, giveWay: () => answer.sent() });
    expect(order.slice(0, 4)).toEqual(['sent', 'sent', 'sent', 'step']);
    expect(order.filter((event) => event === 'sent')).toHaveLength(4);
    expect(order.indexOf('sent', 3)).toBeLessThan(order.lastIndexOf('step'));
  });

  it('takes changes after such a load, judges them against the staging copy and relays them', async () => {
    const pieces = registry({ compactAfterUpdates: 1000, ...IN_PIECES });
    const writer = await join(pieces);
    const watcher = await join(pieces);
    const before = Y.encodeStateVector(writer.doc);
    clauseText(writer.doc, 'operative', 0).insert(0, 'Amended. ');
    writer.socket.deliver(encodeUpdate(Y.encodeStateAsUpdate(writer.doc, before)));
    await waitFor(() => expect(watcher.socket.sent.length).toBeGreaterThan(0));
    for (const frame of watcher.socket.sent) {
      const message = decodeClientMessage(frame);
      if (message.kind === 'update') Y.applyUpdate(watcher.doc, message.update);
    }
    expect(clauseText(watcher.doc, 'operative', 0).toString()).toMatch(/^Amended\. Clause 39 /);
  });

  it('opens the draft before the staging copy is built; changes sent meanwhile wait for it and are judged', async () => {
    // Steps of 32 bytes, one a turn: the staging copy takes many turns to build.
    const pieces = registry({ compactAfterUpdates: 1000, readOffThreadFrom: 0, stepBytes: 32, sliceMs: 0 });
    const writer = await join(pieces);
    const rogue = await join(pieces);
    const watcher = await join(pieces);
    const document = (await pieces.peek(draftId))!;
    expect(document.judging).toBe(false);
    const typed = Y.encodeStateVector(writer.doc);
    clauseText(writer.doc, 'operative', 0).insert(0, 'Amended. ');
    writer.socket.deliver(encodeUpdate(Y.encodeStateAsUpdate(writer.doc, typed)));
    // Agreeing a clause is the chair's: a delegate's attempt is refused, also while the copy is built.
    const agreed = Y.encodeStateVector(rogue.doc);
    (sectionElement(rogue.doc, 'operative').get(1) as Y.XmlElement).setAttribute('status', 'agreed');
    rogue.socket.deliver(encodeUpdate(Y.encodeStateAsUpdate(rogue.doc, agreed)));
    expect(document.judging).toBe(false);
    await document.flushed();
    expect(document.judging).toBe(true);
    expect(rogue.socket.sent.some((frame) => frame[0] === ACCORD_EVENT_MESSAGE)).toBe(true);
    const stored = storedDoc(await storage.loadDocument(draftId));
    expect(clauseText(stored, 'operative', 0).toString()).toMatch(/^Amended\. Clause 39 /);
    expect((sectionElement(stored, 'operative').get(1) as Y.XmlElement).getAttribute('status')).not.toBe('agreed');
    for (const frame of watcher.socket.sent.filter((sent) => sent[0] !== ACCORD_EVENT_MESSAGE)) {
      const message = decodeClientMessage(frame);
      if (message.kind === 'update') Y.applyUpdate(watcher.doc, message.update);
    }
    expect(clauseText(watcher.doc, 'operative', 0).toString()).toMatch(/^Amended\. Clause 39 /);
    expect((sectionElement(watcher.doc, 'operative').get(1) as Y.XmlElement).getAttribute('status')).not.toBe('agreed');
  });

  it('has the worker read a located large text from the SQLite file itself, and hands it the bytes read here if it changed since', async () => {
    let reads = 0;
    const read = () => {
      reads++;
      return storage.loadDocument(draftId);
    };
    const locate = () => storage.locateDocument!(draftId);
    const stored = await storage.loadDocument(draftId);
    const located = await loadStoredText({ read, locate }, logger, IN_PIECES);
    expect(reads).toBe(0);
    expect(located.checked).toBe(true);
    expect(located.stored).toEqual({ state: null, updates: [], lastSeq: stored.lastSeq });
    expect(located.logLength).toBe(stored.updates.length);
    expect(Y.encodeStateAsUpdate(located.doc)).toEqual(Y.encodeStateAsUpdate(storedDoc(stored)));
    // A small text is read here, as before.
    expect((await loadStoredText({ read, locate }, logger, {})).checked).toBe(false);
    expect(reads).toBe(1);

    // Compacted after it was located: the worker refuses the rows, the text is read here, and
    // the worker reads those bytes instead (checked there, not loaded here in one step).
    const stale = locate()!;
    await storage.compactDocument(draftId, Y.encodeStateAsUpdate(located.doc), stale.lastSeq);
    const again = await loadStoredText({ read, locate: () => stale }, logger, IN_PIECES);
    expect(reads).toBe(2);
    expect(again.checked).toBe(true);
    expect(again.whole).not.toBeNull();
    expect(Y.encodeStateAsUpdate(again.doc)).toEqual(Y.encodeStateAsUpdate(located.doc));
    await expect(readInPiecesOffThread({ location: stale }, 256)).rejects.toThrow('changed after it was located');
    expect((await readInPiecesOffThread({ location: locate()! }, 256))?.whole).toEqual(located.whole);
  });

  it('leaves a stored text the schema check faults to the careful load, which mends it', async () => {
    const doc = storedDoc(await storage.loadDocument(draftId));
    const odd = changeOf(doc, (copy) =>
      (sectionElement(copy, 'operative').get(1) as Y.XmlElement).setAttribute('onclick', 'x()'),
    );
    await storage.appendUpdates(draftId, [{ data: odd, authorId: null }], new Date());
    const loaded = await loadStoredText({ read: () => storage.loadDocument(draftId) }, logger, IN_PIECES);
    expect(loaded.checked).toBe(false);
    // The worker had the bytes: the careful load read them again, all of them.
    expect(Y.encodeStateVector(loaded.doc)).toEqual(Y.encodeStateVector(storedDoc(loaded.stored)));
    expect(Y.encodeStateVector(loaded.doc)).toEqual(
      Y.encodeStateVector(storedDoc(await storage.loadDocument(draftId))),
    );
    const { answer, doc: copy } = await join(registry({ compactAfterUpdates: 1000, ...IN_PIECES }));
    expect(answer).toHaveLength(1);
    await waitFor(async () => {
      const mended = storedDoc(await storage.loadDocument(draftId));
      expect((sectionElement(mended, 'operative').get(1) as Y.XmlElement).getAttribute('onclick')).toBeUndefined();
    });
    expect(clauseTexts(copy).size).toBe(clauseTexts(doc).size);
  });

  it('has the worker send a vouched-for state as soon as it is read, and check it only once told to go on', async () => {
    const { state, updates } = await storage.loadDocument(draftId);
    const compacted = Y.mergeUpdates(state ? [state, ...updates] : updates);
    let goOn = (): void => undefined;
    const told = new Promise<void>((resolve) => (goOn = resolve));
    const handed: WholeText[] = [];
    let resolved = false;
    const vouched = { digest: digestOf(compacted), goOn: () => told };
    const reading = readInPiecesOffThread(
      { state: compacted.slice(), updates: [] },
      256,
      (text) => handed.push(text),
      vouched,
    );
    void reading.then(() => (resolved = true));
    await waitFor(() => expect(handed).toHaveLength(1));
    expect(handed[0]!.message).toEqual(wholeOf(compacted).message);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resolved).toBe(false);
    goOn();
    expect((await reading)?.whole).toBe(handed[0]);
    expect((await reading)?.stateDigest).toBe(digestOf(compacted));
    // Another digest: the text goes once checked, and the worker holds nothing (a hold here would never end).
    const checked: WholeText[] = [];
    const never = { digest: digestOf(Uint8Array.of(1)), goOn: () => new Promise<void>(() => undefined) };
    const other = await readInPiecesOffThread(
      { state: compacted.slice(), updates: [] },
      256,
      (text) => checked.push(text),
      never,
    );
    expect(other?.whole).toBe(checked[0]);
  });

  it('sends newcomers a state it compacted from the live text before checking it again; a state changed since, once checked', async () => {
    const options = { compactAfterUpdates: 1000, ...IN_PIECES };
    const writer = await join(registry(options));
    const typed = Y.encodeStateVector(writer.doc);
    clauseText(writer.doc, 'operative', 0).insert(0, 'Compacted. ');
    writer.socket.deliver(encodeUpdate(Y.encodeStateAsUpdate(writer.doc, typed)));
    await registries.at(-1)!.closeAll();
    const compacted = await storage.loadDocument(draftId);
    expect(compacted.updates).toEqual([]);
    expect(checkedStateOf(draftId)).toBe(digestOf(compacted.state!));
    // Sent before the check: shown with a state recorded as sound that is not (only a fault of this server's could make one).
    const onclick = (doc: Y.Doc) => (sectionElement(doc, 'operative').get(1) as Y.XmlElement).getAttribute('onclick');
    const odd = changeOf(storedDoc(compacted), (copy) =>
      (sectionElement(copy, 'operative').get(1) as Y.XmlElement).setAttribute('onclick', 'x()'),
    );
    const unsound = Y.mergeUpdates([compacted.state!, odd]);
    expect(await storage.compactDocument(draftId, unsound, compacted.lastSeq)).toBe(true);
    recordCheckedState(draftId, digestOf(unsound));
    const early = await join(registry(options));
    expect(early.answer[0]).toEqual({ kind: 'sync-step-2', update: unsound });
    // The worker's check still faults it: the careful load mends it, and the digest is forgotten.
    await waitFor(async () => expect(onclick(storedDoc(await storage.loadDocument(draftId)))).toBeUndefined());
    expect(checkedStateOf(draftId)).toBeUndefined();
    await registries.at(-1)!.closeAll();
    const { state: mended, lastSeq } = await storage.loadDocument(draftId);
    expect(checkedStateOf(draftId)).toBe(digestOf(mended!));
    // A state changed since it was recorded is sent only once checked (and here mended).
    expect(await storage.compactDocument(draftId, Y.mergeUpdates([mended!, odd]), lastSeq)).toBe(true);
    const late = await join(registry(options));
    expect(onclick(late.doc)).toBeUndefined();
    expect(clauseText(late.doc, 'operative', 0).toString()).toMatch(/^Compacted\. /);
    await registries.at(-1)!.closeAll();
    // A sound state read and checked in full (after a restart, say) is recorded too.
    recordCheckedState(draftId, null);
    const reread = await loadStoredText(storedTextOf(storage, draftId), logger, IN_PIECES);
    expect(reread.checked).toBe(true);
    expect(checkedStateOf(draftId)).toBe(digestOf((await storage.loadDocument(draftId)).state!));
  });
});
