import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../Storage';
import { bytes, person } from './fixtures';

/**
 * The contract of `PeopleStorage` and `SignInStorage`: affiliations, people, browser sessions and
 * personal access tokens, roles on drafts, invites to them, and what sign-in throttling keeps.
 */
export function peopleContract(current: () => Storage): void {
  describe('people', () => {
    let storage: Storage;
    beforeEach(() => {
      storage = current();
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

    it('reads an affiliation by its id', async () => {
      const testia = { id: 'xte', kind: 'delegation' as const, name: 'Republic of Testia', code: 'XTE' };
      await storage.createAffiliation(testia);
      await storage.createAffiliation({ id: 'org', kind: 'organisation', name: 'Org', code: null });
      expect(await storage.getAffiliation('xte')).toEqual(testia);
      expect((await storage.getAffiliation('org'))?.code).toBeNull();
      expect(await storage.getAffiliation('missing')).toBeUndefined();
    });

    it('keeps personal access tokens beside sessions, newest first, each person’s own, revoked once', async () => {
      await storage.createAffiliation({ id: 'aff', kind: 'organisation', name: 'Org', code: null });
      await storage.createUser(person('u', 'aff'));
      await storage.createUser(person('v', 'aff'));
      const session = {
        id: 's',
        tokenHash: 'sh',
        userId: 'u',
        kind: 'session' as const,
        name: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-02-01T00:00:00.000Z',
        revokedAt: null,
        lastUsedAt: null,
      };
      const token = { ...session, id: 't', tokenHash: 'tk', kind: 'token' as const, name: 'Export script' };
      await storage.createSession(session);
      await storage.createSession({ ...token, createdAt: '2026-01-02T00:00:00.000Z', expiresAt: null });
      await storage.createSession({ ...session, id: 'other', tokenHash: 'oh', userId: 'v' });
      expect(await storage.getSessionByTokenHash('tk')).toEqual({
        ...token,
        createdAt: '2026-01-02T00:00:00.000Z',
        expiresAt: null,
      });
      expect(await storage.getSessionByTokenHash('unknown')).toBeUndefined();
      expect((await storage.listSessions('u')).map((row) => [row.id, row.kind, row.name])).toEqual([
        ['t', 'token', 'Export script'],
        ['s', 'session', null],
      ]);
      // A second revocation leaves the first one's time.
      await storage.revokeSession('t', new Date('2026-01-03T00:00:00Z'));
      await storage.revokeSession('t', new Date('2026-01-04T00:00:00Z'));
      expect((await storage.getSessionByTokenHash('tk'))?.revokedAt).toBe('2026-01-03T00:00:00.000Z');
      expect((await storage.getSessionByTokenHash('sh'))?.revokedAt).toBeNull();
    });

    it('holds one role per person per draft, and removes memberships', async () => {
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
      expect((await storage.listMemberships('d1')).map((m) => [m.userId, m.role])).toEqual([['u', 'observer']]);
      expect(await storage.getMembership('d2', 'u')).toBeUndefined();
      expect(await storage.removeMembership('d1', 'u')).toBe(true);
      expect(await storage.removeMembership('d1', 'u')).toBe(false);
      expect(await storage.listMemberships('d1')).toEqual([]);
    });

    describe('accepting an invite', () => {
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
        await storage.createUser(person('u', 'aff'));
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
            storage.acceptInvite({ inviteId: 'i', person: { newUser: person(`n${k}`, 'aff') }, at: new Date() }),
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
              person: { newUser: person(`m${k}`, 'aff', 'same@org.example') },
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
          person: { newUser: person('dup', 'aff', 'u@org.example') },
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

    describe('signing in', () => {
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
        const user = {
          passwordHash: 'h',
          affiliationId: 'aff',
          canCreateDrafts: false,
          createdAt: first.lastAttemptAt,
        };
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

      it('forgets a key’s attempts whatever they are, and only that key’s', async () => {
        const attempts = { key: 'account:a', attempts: 3, lastAttemptAt: '2026-01-01T00:00:00.000Z' };
        await storage.swapLoginAttempts('account:a', undefined, attempts);
        await storage.swapLoginAttempts('address:b', undefined, { ...attempts, key: 'address:b' });
        await storage.deleteLoginAttempts('account:a');
        expect(await storage.getLoginAttempts('account:a')).toBeUndefined();
        expect(await storage.getLoginAttempts('address:b')).toEqual({ ...attempts, key: 'address:b' });
        // Forgotten, the key counts from none again.
        expect(await storage.swapLoginAttempts('account:a', undefined, { ...attempts, attempts: 1 })).toBe(true);
      });
    });
  });
}
