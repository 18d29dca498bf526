import { prosemirrorToYXmlFragment, updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { z } from 'zod';
import { newClauseId } from '../../shared/clauseId';
import { COLLAB_PATH, DOCUMENT_FIELD } from '../../shared/collab';
import type { DraftJSON, DraftSpec } from '../../shared/draftText';
import { draftFromSpec } from '../../shared/draftText';
import { draftSchema } from '../../shared/schema';
import { type CollabRoom, roomUrl } from '../fanout/Writer';
import { demoChairToken, expectOk, postJson } from '../servers/accordServer';
import type { RunningServer } from '../servers/ServerUnderTest';
import { TraceClient } from '../trace/TraceClient';
import { bigDraftImport, clauseCount, sessionOfWork } from './bigDraft';
import { fetchFullState } from './Joiner';

/** How large a draft to build. */
export interface BigDraftSettings {
  /** Clauses of the imported first version (1,190 is about the import API's 1,000,000 characters). */
  importedClauses: number;
  /** New clauses each later session adds. */
  addedPerSession: number;
  /** Sessions go on until the server's whole state (what a newcomer receives) is at least this many bytes. */
  targetBytes: number;
}

/** The draft as seeded: where it is, and what a newcomer receives. */
export interface BigDraft {
  room: CollabRoom;
  /** Size of the server's whole state, as a client with an empty copy receives it. */
  stateBytes: number;
  clauses: number;
  /** Characters of text, as the editor counts them. */
  characters: number;
  /** Sessions of work after the import. */
  sessions: number;
  seedSeconds: number;
}

const schema = draftSchema();
const importedDraft = z.object({ draft: z.object({ id: z.string().min(1) }) });
const SESSION_TIMEOUT_MS = 120_000;

/** Whether `update` (a server's whole state) holds everything `doc` has written or received. */
function holds(update: Uint8Array, doc: Y.Doc): boolean {
  const held = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
  return [...Y.decodeStateVector(Y.encodeStateVector(doc))].every(
    ([client, clock]) => (held.get(client) ?? 0) >= clock,
  );
}

/** Resolves with the server's whole state once it holds what `client` has, failing at once if the server refused it. */
async function untilServerHolds(room: CollabRoom, client: TraceClient): Promise<Uint8Array> {
  const deadline = Date.now() + SESSION_TIMEOUT_MS;
  for (;;) {
    if (client.refusal) throw new Error(`the server refused a seeding change: ${client.refusal}`);
    const state = await fetchFullState(roomUrl(room));
    if (holds(state, client.doc)) return state;
    if (Date.now() > deadline)
      throw new Error(`the server did not take a seeding change within ${SESSION_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One client's change to the whole draft, made as the editor makes it (y-prosemirror's diff of two documents). */
async function change(
  room: CollabRoom,
  name: string,
  edit: (doc: Y.Doc, fragment: Y.XmlFragment) => void,
): Promise<Uint8Array> {
  const client = new TraceClient(room, name);
  try {
    await client.connect(SESSION_TIMEOUT_MS);
    client.doc.transact(() => edit(client.doc, client.doc.getXmlFragment(DOCUMENT_FIELD)));
    return await untilServerHolds(room, client);
  } finally {
    client.destroy();
  }
}

/**
 * The first version on the server. Accord creates the draft through its import API, as a person
 * importing a file would, and writes its text itself; the reference has no API, so one client
 * writes the same text into an empty room.
 */
async function importFirstVersion(server: RunningServer, settings: BigDraftSettings): Promise<CollabRoom> {
  const body = bigDraftImport(settings.importedClauses);
  if (server.name === 'reference') {
    const room = await server.createRoom();
    const json = draftFromSpec(body as DraftSpec, newClauseId);
    await change(room, 'Importer', (_doc, fragment) => prosemirrorToYXmlFragment(schema.nodeFromJSON(json), fragment));
    return room;
  }
  const token = await demoChairToken(server.url);
  const { draft } = importedDraft.parse(
    await expectOk(await postJson(`${server.url}/api/imports`, body, token), 'POST /api/imports'),
  );
  return { serverUrl: `${server.url.replace(/^http/, 'ws')}${COLLAB_PATH}`, room: draft.id, params: { token } };
}

/**
 * Builds the storm's large draft on `server`: the imported first version, then sessions of work,
 * each a new client (a delegate on another day) that rewords a third of the clauses and adds
 * some, until a newcomer would receive at least `targetBytes`. Every change goes through the
 * server's own checks, so the result is a draft the server accepts. No client is left connected
 * (Accord unloads the draft).
 */
export async function seedBigDraft(server: RunningServer, settings: BigDraftSettings): Promise<BigDraft> {
  const started = performance.now();
  const room = await importFirstVersion(server, settings);
  let state = await fetchFullState(roomUrl(room));
  let sessions = 0;
  while (state.byteLength < settings.targetBytes) {
    if (sessions >= 100) throw new Error(`100 sessions did not bring the draft to ${settings.targetBytes} bytes`);
    const session = sessions++;
    state = await change(room, `Delegate ${session}`, (doc, fragment) => {
      const current = yXmlFragmentToProseMirrorRootNode(fragment, schema).toJSON() as DraftJSON;
      const next = schema.nodeFromJSON(sessionOfWork(current, session, settings.addedPerSession, newClauseId));
      updateYFragment(doc, fragment, next, { mapping: new Map(), isOMark: new Map() });
    });
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const root = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DOCUMENT_FIELD), schema);
  const seeded = {
    room,
    stateBytes: state.byteLength,
    clauses: clauseCount(root.toJSON() as DraftJSON),
    characters: root.textContent.length,
    sessions,
    seedSeconds: (performance.now() - started) / 1000,
  };
  doc.destroy();
  return seeded;
}
