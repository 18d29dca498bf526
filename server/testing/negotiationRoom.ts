import { afterAll, afterEach, beforeAll } from 'vitest';
import type { DraftSpec } from '../../shared/draftText';
import { RawCollabClient } from './RawCollabClient';
import type { TestSession } from './session';
import { DEMO, signIn } from './session';
import type { TestServer } from './startTestServer';
import { startTestServer } from './startTestServer';
import { createStructuredDraft } from './structuredDraft';

/** The people of a negotiation test: the chair and two delegations, each with its affiliation id. */
export interface NegotiationRoom {
  s: TestServer;
  chair: TestSession;
  valdoria: TestSession;
  norland: TestSession;
  affiliationOf: (session: TestSession) => string;
  /** A new draft written from `spec`, the two delegations members of it. */
  draft: (spec: DraftSpec) => Promise<string>;
  /** A raw y-protocols client of `session` on the draft, closed after the test. */
  raw: (draftId: string, session: TestSession) => Promise<RawCollabClient>;
  /** Runs after the current test. */
  later: (cleanup: () => unknown) => void;
}

/**
 * Starts a server for the tests of one file, with the chair and two delegations (Valdoria,
 * Norland) signed in; what a test opens is closed after it. Read the room inside tests only.
 */
export function negotiationRoom(): NegotiationRoom {
  const affiliations = new Map<TestSession, string>();
  const cleanups: (() => unknown)[] = [];
  const room = {
    affiliationOf: (session: TestSession) => affiliations.get(session)!,
    draft: (spec: DraftSpec) =>
      createStructuredDraft(
        room.s,
        room.chair,
        [
          { session: room.valdoria, role: 'delegate' },
          { session: room.norland, role: 'delegate' },
        ],
        spec,
      ),
    raw: async (draftId: string, session: TestSession) => {
      const client = await RawCollabClient.connect(room.s.collabUrl, draftId, session.token);
      cleanups.push(() => client.close());
      return client;
    },
    later: (cleanup: () => unknown) => {
      cleanups.push(cleanup);
    },
  } as Omit<NegotiationRoom, 's' | 'chair' | 'valdoria' | 'norland'> as NegotiationRoom;
  beforeAll(async () => {
    room.s = await startTestServer();
    [room.chair, room.valdoria, room.norland] = await Promise.all([
      signIn(room.s.url, DEMO.chair),
      signIn(room.s.url, DEMO.valdoria),
      signIn(room.s.url, DEMO.norland),
    ]);
    for (const session of [room.chair, room.valdoria, room.norland])
      affiliations.set(session, (await room.s.storage.getUser(session.user.id))!.affiliationId);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await room.s.close();
  });
  return room;
}
