import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage, StoredUpdate } from './Storage';
import { orderStorageContract } from './storageContractOrder';
import { reviewStorageContract } from './storageContractReview';

/** Opens a fresh, empty storage for one test and says how to dispose of it. */
export type OpenStorage = () => Promise<{ storage: Storage; dispose: () => Promise<void> }>;

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
/** An update by nobody in particular (the contract is about storage, not attribution). */
const up = (...values: number[]): StoredUpdate => ({ data: bytes(...values), authorId: null });

/**
 * The behaviour every storage backend must have. Each backend's test file calls this with a way
 * to open a fresh instance, so SQLite and PostgreSQL are held to exactly the same contract.
 */
export function storageContractSuite(name: string, open: OpenStorage): void {
  describe(`${name} storage contract`, () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ storage, dispose } = await open());
    });
    afterEach(async () => {
      await dispose();
    });

    it('creates, reads and lists drafts, newest update first, archived apart', async () => {
      const a = await storage.createDraft(
        { id: 'a', title: 'Alpha', createdAt: new Date('2026-01-01T00:00:00Z') },
        bytes(0, 0),
      );
      await storage.createDraft({ id: 'b', title: 'Bravo', createdAt: new Date('2026-01-02T00:00:00Z') }, bytes(0, 0));
      expect(a).toEqual({
        id: 'a',
        title: 'Alpha',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        archivedAt: null,
        facilitatorSince: null,
        pillars: [],
      });
      expect(await storage.getDraft('a')).toEqual(a);
      expect(await storage.getDraft('missing')).toBeUndefined();
      expect((await storage.listDrafts({ archived: false })).map((d) => d.id)).toEqual(['b', 'a']);

      expect((await storage.updateDraft('a', { updatedAt: new Date('2026-01-03T00:00:00Z') }))?.updatedAt).toBe(
        '2026-01-03T00:00:00.000Z',
      );
      expect((await storage.listDrafts({ archived: false })).map((d) => d.id)).toEqual(['a', 'b']);
      // Appending to the log writes the log only.
      await storage.appendUpdates('b', [up(1)], new Date('2026-01-05T00:00:00Z'));
      expect((await storage.getDraft('b'))?.updatedAt).toBe('2026-01-02T00:00:00.000Z');
      // ...but for a new title, written with it.
      await storage.appendUpdates('b', [up(2)], new Date('2026-01-05T00:00:00Z'), 'B renamed');
      expect(await storage.getDraft('b')).toMatchObject({ title: 'B renamed', updatedAt: '2026-01-02T00:00:00.000Z' });

      const archived = await storage.updateDraft('b', { archivedAt: new Date('2026-01-04T00:00:00Z') });
      expect(archived?.archivedAt).toBe('2026-01-04T00:00:00.000Z');
      expect((await storage.listDrafts({ archived: false })).map((d) => d.id)).toEqual(['a']);
      expect((await storage.listDrafts({ archived: true })).map((d) => d.id)).toEqual(['b']);
      expect((await storage.updateDraft('b', { archivedAt: null }))?.archivedAt).toBeNull();

      // A draft's own pillars are kept in order, listed with it, and replaced whole.
      const own = [
        { key: 'cable-protection', label: 'Cable protection', short: 'CAB', description: 'Routes.', color: '#0B6FB8' },
        { key: 'repair', label: 'Repair', short: 'REP', description: '', color: '#C77700' },
      ];
      await storage.createDraft(
        { id: 'c', title: 'Cables', createdAt: new Date('2026-01-06T00:00:00Z'), pillars: own },
        bytes(0, 0),
      );
      expect((await storage.getDraft('c'))?.pillars).toEqual(own);
      expect((await storage.listDrafts({ archived: false })).find((d) => d.id === 'c')?.pillars).toEqual(own);
      expect((await storage.updateDraft('c', { pillars: [own[1]!] }))?.pillars).toEqual([own[1]]);
      const since = new Date('2026-01-04T00:00:00Z');
      expect((await storage.updateDraft('a', { facilitatorSince: since }))?.facilitatorSince).toBe(since.toISOString());
      expect((await storage.updateDraft('a', { facilitatorSince: null }))?.facilitatorSince).toBeNull();
      expect(await storage.updateDraft('missing', { title: 'x' })).toBeUndefined();
    });

    it('returns the initial state, then appended updates in order, numbered per draft', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(9, 9));
      await storage.createDraft({ id: 'e', title: 'E', createdAt: new Date() }, bytes(0));
      expect(await storage.appendUpdates('d', [up(1), up(2)], new Date())).toBe(2);
      expect(await storage.appendUpdates('e', [up(4)], new Date())).toBe(1);
      expect(await storage.appendUpdates('d', [up(3)], new Date())).toBe(3);
      const loaded = await storage.loadDocument('d');
      expect(loaded.state).toEqual(bytes(9, 9));
      expect(loaded.updates).toEqual([bytes(1), bytes(2), bytes(3)]);
      expect(loaded.lastSeq).toBe(3);
      expect((await storage.updateDraft('d', { title: 'Renamed' }))?.title).toBe('Renamed');
    });

    it('keeps numbering after compaction has emptied the log, so later rows are never taken for compacted ones', async () => {
      await storage.createDraft({ id: 'k', title: 'K', createdAt: new Date() }, bytes(0));
      const upTo = await storage.appendUpdates('k', [up(1), up(2), up(3)], new Date());
      await storage.compactDocument('k', bytes(6), upTo);
      const next = await storage.appendUpdates('k', [up(4)], new Date());
      expect(next).toBe(upTo + 1);
      expect(await storage.loadDocument('k')).toEqual({ state: bytes(6), updates: [bytes(4)], lastSeq: next });
    });

    it('compaction replaces the log up to a sequence number with one state row and keeps later rows', async () => {
      await storage.createDraft({ id: 'c', title: 'C', createdAt: new Date() }, bytes(0));
      const upTo = await storage.appendUpdates('c', [up(1), up(2)], new Date());
      const later = await storage.appendUpdates('c', [up(3)], new Date());
      await storage.compactDocument('c', bytes(7, 7, 7), upTo);
      const loaded = await storage.loadDocument('c');
      expect(loaded.state).toEqual(bytes(7, 7, 7));
      expect(loaded.updates).toEqual([bytes(3)]);
      expect(loaded.lastSeq).toBe(later);

      await storage.compactDocument('c', bytes(8), later);
      expect(await storage.loadDocument('c')).toEqual({ state: bytes(8), updates: [], lastSeq: later });
    });

    it('reads only what holds rows after a number: later rows, and the state once a compaction merged some of them', async () => {
      await storage.createDraft({ id: 'r', title: 'R', createdAt: new Date() }, bytes(0));
      const two = await storage.appendUpdates('r', [up(1), up(2)], new Date());
      const three = await storage.appendUpdates('r', [up(3)], new Date());
      expect(await storage.loadDocument('r', two)).toEqual({ state: null, updates: [bytes(3)], lastSeq: three });
      expect(await storage.loadDocument('r', three)).toEqual({ state: null, updates: [], lastSeq: three });
      expect(await storage.compactDocument('r', bytes(7), two)).toBe(true);
      // Rows 1 and 2 now live in the state: a reader holding only row 1 needs it.
      expect(await storage.loadDocument('r', 1)).toEqual({ state: bytes(7), updates: [bytes(3)], lastSeq: three });
      expect(await storage.loadDocument('r', two)).toEqual({ state: null, updates: [bytes(3)], lastSeq: three });
    });

    it('never compacts backwards: a state that covers fewer rows than the stored one is not written', async () => {
      await storage.createDraft({ id: 'b', title: 'B', createdAt: new Date() }, bytes(0));
      const one = await storage.appendUpdates('b', [up(1)], new Date());
      const two = await storage.appendUpdates('b', [up(2)], new Date());
      expect(await storage.compactDocument('b', bytes(8, 8), two)).toBe(true);
      expect(await storage.compactDocument('b', bytes(7), one)).toBe(false);
      expect(await storage.loadDocument('b')).toEqual({ state: bytes(8, 8), updates: [], lastSeq: two });
    });

    it('keeps drafts apart: one draft’s log never shows in another', async () => {
      await storage.createDraft({ id: 'x', title: 'X', createdAt: new Date() }, bytes(0));
      await storage.createDraft({ id: 'y', title: 'Y', createdAt: new Date() }, bytes(0));
      await storage.appendUpdates('x', [up(1)], new Date());
      await storage.appendUpdates('y', [up(2)], new Date());
      await storage.compactDocument('x', bytes(5), (await storage.loadDocument('x')).lastSeq);
      expect((await storage.loadDocument('y')).updates).toEqual([bytes(2)]);
    });

    it('stores people, their affiliation, sessions and revocation', async () => {
      const affiliation = await storage.createAffiliation({
        id: 'aff1',
        kind: 'delegation',
        name: 'Republic of Testia',
        code: 'XTE',
      });
      expect(await storage.findAffiliation('delegation', 'Republic of Testia')).toEqual(affiliation);
      expect(await storage.findAffiliation('organisation', 'Republic of Testia')).toBeUndefined();
      const user = await storage.createUser({
        id: 'u1',
        email: 'u@testia.example',
        name: 'U',
        passwordHash: 'h',
        affiliationId: 'aff1',
        canCreateDrafts: true,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      expect(await storage.getUserByEmail('u@testia.example')).toEqual(user);
      expect(await storage.getUser('u1')).toEqual(user);
      expect(await storage.countUsers()).toBe(1);
      await storage.createSession({
        id: 's1',
        tokenHash: 'th1',
        userId: 'u1',
        kind: 'session',
        name: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: null,
        revokedAt: null,
        lastUsedAt: null,
      });
      expect((await storage.getSessionByTokenHash('th1'))?.id).toBe('s1');
      await storage.touchSession('s1', new Date('2026-01-01T12:00:00Z'));
      expect((await storage.getSessionByTokenHash('th1'))?.lastUsedAt).toBe('2026-01-01T12:00:00.000Z');
      await storage.revokeSession('s1', new Date('2026-01-02T00:00:00Z'));
      expect((await storage.getSessionByTokenHash('th1'))?.revokedAt).toBe('2026-01-02T00:00:00.000Z');
      expect((await storage.listSessions('u1')).map((session) => session.id)).toEqual(['s1']);
      await storage.setPasswordHash('u1', 'new');
      expect((await storage.getUser('u1'))?.passwordHash).toBe('new');
    });

    it('holds one role per person per draft, lists a person’s drafts with their role, and removes memberships', async () => {
      await storage.createAffiliation({ id: 'aff', kind: 'organisation', name: 'Org', code: null });
      await storage.createUser({
        id: 'u',
        email: 'u@org.example',
        name: 'U',
        passwordHash: 'h',
        affiliationId: 'aff',
        canCreateDrafts: false,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      await storage.createDraft({ id: 'd1', title: 'One', createdAt: new Date('2026-01-01T00:00:00Z') }, bytes(0));
      await storage.createDraft({ id: 'd2', title: 'Two', createdAt: new Date('2026-01-02T00:00:00Z') }, bytes(0));
      await storage.setMembership('d1', 'u', 'delegate', new Date());
      await storage.setMembership('d1', 'u', 'observer', new Date());
      expect((await storage.getMembership('d1', 'u'))?.role).toBe('observer');
      expect((await storage.listDraftsForUser('u', { archived: false })).map((d) => [d.id, d.role])).toEqual([
        ['d1', 'observer'],
      ]);
      expect(await storage.removeMembership('d1', 'u')).toBe(true);
      expect(await storage.removeMembership('d1', 'u')).toBe(false);
      expect(await storage.listMemberships('d1')).toEqual([]);
    });

    describe('accepting an invite', () => {
      const person = (id: string, email = `${id}@org.example`) => ({
        id,
        email,
        name: id.toUpperCase(),
        passwordHash: 'h',
        affiliationId: 'aff',
        canCreateDrafts: false,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      const invite = {
        id: 'i',
        tokenHash: 'ih',
        draftId: 'd',
        role: 'observer' as const,
        affiliationId: 'aff',
        createdBy: 'u',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2999-01-01T00:00:00.000Z',
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
      };
      beforeEach(async () => {
        await storage.createAffiliation({ id: 'aff', kind: 'organisation', name: 'Org', code: null });
        await storage.createUser(person('u'));
        await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(0));
        await storage.createInvite(invite);
      });

      it('happens once, and gives the role', async () => {
        expect(await storage.getInviteByTokenHash('ih')).toEqual(invite);
        const accept = () => storage.acceptInvite({ inviteId: 'i', person: { userId: 'u' }, at: new Date() });
        expect(await accept()).toEqual({ ok: true, userId: 'u', draftId: 'd', role: 'observer' });
        expect(await accept()).toEqual({ ok: false, refusal: 'invite_closed' });
        expect((await storage.listInvites('d'))[0]?.acceptedBy).toBe('u');
        expect((await storage.getMembership('d', 'u'))?.role).toBe('observer');
      });

      it('creates the new account with it, exactly once however many accept at the same moment', async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, k) =>
            storage.acceptInvite({ inviteId: 'i', person: { newUser: person(`n${k}`) }, at: new Date() }),
          ),
        );
        const accepted = results.filter((result) => result.ok);
        expect(accepted).toHaveLength(1);
        expect(results.filter((result) => !result.ok && result.refusal === 'invite_closed')).toHaveLength(7);
        const created = (await Promise.all(Array.from({ length: 8 }, (_, k) => storage.getUser(`n${k}`)))).filter(
          Boolean,
        );
        expect(created).toHaveLength(1);
        expect(await storage.countUsers()).toBe(2);
        expect((await storage.listMemberships('d')).map((m) => [m.userId, m.role])).toEqual([
          [created[0]!.id, 'observer'],
        ]);
      });

      it('gives a new email to one account only when two invites are accepted with it at the same moment', async () => {
        await storage.createInvite({ ...invite, id: 'i2', tokenHash: 'ih2' });
        const results = await Promise.all(
          ['i', 'i2'].map((inviteId, k) =>
            storage.acceptInvite({
              inviteId,
              person: { newUser: person(`m${k}`, 'same@org.example') },
              at: new Date(),
            }),
          ),
        );
        expect(results.filter((result) => result.ok)).toHaveLength(1);
        expect(results.filter((result) => !result.ok && result.refusal === 'email_taken')).toHaveLength(1);
        expect(await storage.countUsers()).toBe(2);
        expect((await storage.listInvites('d')).filter((row) => row.acceptedAt !== null)).toHaveLength(1);
      });

      it('writes nothing when the email is taken, or the invite revoked or expired', async () => {
        const taken = await storage.acceptInvite({
          inviteId: 'i',
          person: { newUser: person('dup', 'u@org.example') },
          at: new Date(),
        });
        expect(taken).toEqual({ ok: false, refusal: 'email_taken' });
        expect(await storage.getUser('dup')).toBeUndefined();
        expect((await storage.getInviteByTokenHash('ih'))?.acceptedAt).toBeNull();
        expect(await storage.listMemberships('d')).toEqual([]);

        const late = await storage.acceptInvite({ inviteId: 'i', person: { userId: 'u' }, at: new Date('3000-01-01') });
        expect(late).toEqual({ ok: false, refusal: 'invite_closed' });
        await storage.revokeInvite('i', new Date());
        expect(await storage.acceptInvite({ inviteId: 'i', person: { userId: 'u' }, at: new Date() })).toEqual({
          ok: false,
          refusal: 'invite_closed',
        });
        expect(await storage.listMemberships('d')).toEqual([]);
      });

      it('leaves a chair the chair', async () => {
        await storage.setMembership('d', 'u', 'chair', new Date());
        expect(await storage.acceptInvite({ inviteId: 'i', person: { userId: 'u' }, at: new Date() })).toMatchObject({
          ok: true,
          role: 'chair',
        });
        expect((await storage.getMembership('d', 'u'))?.role).toBe('chair');
      });
    });

    it('keeps the audit log and the clause history, newest first', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(0));
      await storage.appendAudit({
        at: '2026-01-01T00:00:00.000Z',
        actorId: 'a',
        draftId: 'd',
        action: 'first',
        details: { n: 1 },
      });
      await storage.appendAudit({
        at: '2026-01-01T00:00:01.000Z',
        actorId: 'a',
        draftId: null,
        action: 'elsewhere',
        details: {},
      });
      await storage.appendAudit({
        at: '2026-01-01T00:00:02.000Z',
        actorId: 'a',
        draftId: 'd',
        action: 'second',
        details: {},
      });
      expect((await storage.listAudit({ draftId: 'd', limit: 10 })).map((e) => e.action)).toEqual(['second', 'first']);
      expect((await storage.listAudit({ draftId: 'd', limit: 10 }))[1]?.details).toEqual({ n: 1 });
      await storage.appendClauseChanges(
        'd',
        [
          { authorId: 'a', clauseIds: ['c1', 'c2'] },
          { authorId: null, clauseIds: [] },
        ],
        new Date('2026-01-01T00:00:00Z'),
      );
      await storage.appendClauseChanges('d', [{ authorId: 'b', clauseIds: ['c3'] }], new Date('2026-01-01T00:00:05Z'));
      const changes = await storage.listClauseChanges('d', { limit: 10 });
      expect(changes.map((c) => [c.authorId, c.clauseIds])).toEqual([
        ['b', ['c3']],
        ['a', ['c1', 'c2']],
      ]);
      const since = await storage.listClauseChanges('d', { since: '2026-01-01T00:00:02.000Z' });
      expect(since.map((c) => [c.authorId, c.clauseIds])).toEqual([['b', ['c3']]]);
      expect(await storage.listClauseChanges('d', { limit: 1 })).toHaveLength(1);

      // The words of the clauses whose words changed, kept beside the entry and read by range.
      const texts = { c4: { before: 'Old words.', after: 'New words.' } };
      await storage.appendClauseChanges('d', [{ authorId: 'b', clauseIds: ['c4', 'c5'], texts }], new Date());
      const [newest] = await storage.listClauseChanges('d', { limit: 1 });
      expect(await storage.listClauseTexts('d', { fromId: 0, toId: newest!.id })).toEqual([{ id: newest!.id, texts }]);
      expect(await storage.listClauseTexts('d', { fromId: 0, toId: newest!.id - 1 })).toEqual([]);
    });

    reviewStorageContract(() => storage);
    orderStorageContract(() => storage);

    it('records decisions on suggestions with their audit entry, a suggestion decided again replacing its record', async () => {
      await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, bytes(0));
      await storage.createAffiliation({ id: 'xva', kind: 'delegation', name: 'Valdoria', code: 'XVA' });
      const at = '2026-01-01T00:00:00.000Z';
      await storage.createUser({
        id: 'u',
        email: 'u@xva.example',
        name: 'U',
        passwordHash: 'h',
        affiliationId: 'xva',
        canCreateDrafts: false,
        createdAt: at,
      });
      const decision = {
        draftId: 'd',
        suggestionId: 'u:ins001',
        clauseId: 'c1',
        kind: 'insert' as const,
        text: ' and clinics',
        delegationId: 'xva',
        authorId: 'u',
        suggestedAt: at,
        decision: 'accepted' as const,
        decidedBy: 'u',
        decidedAt: at,
      };
      const entry = { at, actorId: 'u', draftId: 'd', action: 'suggestion.accepted', details: { n: 1 } };
      await storage.recordSuggestionDecisions([decision, { ...decision, suggestionId: 'u:ins002' }], entry);
      const later = '2026-01-02T00:00:00.000Z';
      await storage.recordSuggestionDecisions([{ ...decision, decision: 'rejected', decidedAt: later }], {
        ...entry,
        at: later,
        action: 'suggestion.rejected',
      });
      await storage.recordSuggestionDecisions([], { ...entry, action: 'suggestion.accepted-all' });
      expect((await storage.listSuggestionDecisions('d')).map((row) => [row.suggestionId, row.decision])).toEqual([
        ['u:ins002', 'accepted'],
        ['u:ins001', 'rejected'],
      ]);
      expect((await storage.listAudit({ draftId: 'd', limit: 10 })).map((row) => row.action)).toEqual([
        'suggestion.accepted-all',
        'suggestion.rejected',
        'suggestion.accepted',
      ]);
    });

    it('stores server bookkeeping values', async () => {
      expect(await storage.getMeta('k')).toBeUndefined();
      await storage.setMeta('k', 'one');
      await storage.setMeta('k', 'two');
      expect(await storage.getMeta('k')).toBe('two');
    });

    it('counts sign-in attempts only against the count it read, and keeps trusted browsers', async () => {
      const first = { key: 'account:a', attempts: 1, lastAttemptAt: '2026-01-01T00:00:00.000Z' };
      expect(await storage.swapLoginAttempts('account:a', undefined, first)).toBe(true);
      // A second writer that also read "none" loses.
      expect(await storage.swapLoginAttempts('account:a', undefined, { ...first, attempts: 9 })).toBe(false);
      const second = { ...first, attempts: 2 };
      expect(await storage.swapLoginAttempts('account:a', first, second)).toBe(true);
      expect(await storage.swapLoginAttempts('account:a', first, { ...first, attempts: 7 })).toBe(false);
      expect(await storage.getLoginAttempts('account:a')).toEqual(second);
      expect(await storage.swapLoginAttempts('account:a', first, null)).toBe(false);
      expect(await storage.swapLoginAttempts('account:a', second, null)).toBe(true);
      expect(await storage.getLoginAttempts('account:a')).toBeUndefined();

      await storage.swapLoginAttempts('address:old', undefined, { ...first, key: 'address:old' });
      await storage.swapLoginAttempts('address:new', undefined, {
        ...first,
        key: 'address:new',
        lastAttemptAt: '2026-02-01T00:00:00.000Z',
      });
      await storage.deleteLoginAttempts('address:none');
      await storage.createAffiliation({ id: 'aff', kind: 'organisation', name: 'Org', code: null });
      const user = { passwordHash: 'h', affiliationId: 'aff', canCreateDrafts: false, createdAt: first.lastAttemptAt };
      await storage.createUser({ ...user, id: 'u', email: 'u@x.example', name: 'U' });
      const device = {
        tokenHash: 'dh',
        userId: 'u',
        createdAt: first.lastAttemptAt,
        expiresAt: '2026-06-01T00:00:00.000Z',
      };
      await storage.createLoginDevice(device);
      await storage.createLoginDevice({ ...device, tokenHash: 'old', expiresAt: '2026-01-02T00:00:00.000Z' });
      expect(await storage.getLoginDeviceByTokenHash('dh')).toEqual(device);
      await storage.pruneSignIns(new Date('2026-01-15T00:00:00Z'), new Date('2026-01-15T00:00:00Z'));
      expect(await storage.getLoginAttempts('address:old')).toBeUndefined();
      expect((await storage.getLoginAttempts('address:new'))?.attempts).toBe(1);
      expect(await storage.getLoginDeviceByTokenHash('old')).toBeUndefined();
      expect(await storage.getLoginDeviceByTokenHash('dh')).toEqual(device);
    });
  });
}
