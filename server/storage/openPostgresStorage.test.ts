import { Client } from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../testing/postgresDatabase';
import { createTestDatabase, onServer } from '../testing/postgresDatabase';
import { waitFor } from '../testing/waitFor';
import type { KyselyStorage } from './KyselyStorage';
import { migrations } from './migrations';
import { describePostgresUrl, openPostgresStorage } from './openPostgresStorage';
import { storageContractSuite } from './contract/storageContractSuite';
import { StorageHealth } from './StorageHealth';
import { DATABASE_UNREACHABLE, isStorageFailure } from './storageFailure';
import { person } from './contract/fixtures';

/** Every database this file made, dropped at its end even if a test failed half-way. */
const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

// Each test of the contract on a database of its own, created empty and dropped after it.
storageContractSuite(
  'PostgreSQL',
  async () => {
    const database = await freshDatabase();
    const storage = await openPostgresStorage(database.url);
    return {
      storage,
      dispose: async () => {
        await storage.close();
        await database.drop();
      },
    };
  },
  { appendsNow: false },
);

const opened: KyselyStorage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((storage) => storage.close()));
});

async function open(database: TestDatabase, health?: StorageHealth): Promise<KyselyStorage> {
  const storage = await openPostgresStorage(database.url, { health });
  opened.push(storage);
  return storage;
}

const update = (byte: number) => ({ data: Uint8Array.of(byte), authorId: null });

describe('the PostgreSQL database', () => {
  it('is migrated from empty, with the same migrations as the SQLite file, and opens again without migrating', async () => {
    const database = await freshDatabase();
    const first = await openPostgresStorage(database.url);
    await first.createDraft({ id: 'kept', title: 'Kept', createdAt: new Date() }, Uint8Array.of(0, 0));
    await first.close();
    const recorded = await database.query<{ name: string; timestamp: string }>(
      'select name, timestamp from kysely_migration order by name',
    );
    expect(recorded.map((row) => row.name)).toEqual(Object.keys(migrations).sort());

    // Binary text as SQLite compares it; bytes as bytea; the log keyed by draft and number.
    const columns = await database.query<{ table_name: string; column_name: string; type: string; collation: string }>(
      `select table_name, column_name, data_type as type, collation_name as collation
         from information_schema.columns where table_schema = 'public' and table_name not like 'kysely%'`,
    );
    const ofType = (type: string) => columns.filter((column) => column.type === type);
    expect(ofType('text').length).toBeGreaterThan(100);
    expect(ofType('text').filter((column) => column.collation !== 'C')).toEqual([]);
    expect(
      ofType('bytea')
        .map((column) => `${column.table_name}.${column.column_name}`)
        .sort(),
    ).toEqual(['document_states.data', 'document_updates.data', 'versions.state']);
    const [logKey] = await database.query<{ key: string }>(
      `select pg_get_constraintdef(oid) as key from pg_constraint where conrelid = 'document_updates'::regclass and contype = 'p'`,
    );
    expect(logKey?.key).toBe('PRIMARY KEY (draft_id, seq)');

    const again = await open(database);
    expect((await again.getDraft('kept'))?.title).toBe('Kept');
    expect(await database.query('select name, timestamp from kysely_migration order by name')).toEqual(recorded);
  });

  it('numbers the log of one draft without a gap or a clash when two servers append to it at once', async () => {
    const database = await freshDatabase();
    const [one, two] = [await open(database), await open(database)];
    await one.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, Uint8Array.of(0, 0));
    // Some appends rename the draft: they number their rows under the draft's row lock, while the
    // others try without it first (and take it after clashing), so both ways meet, without a deadlock.
    const appends = Array.from({ length: 40 }, (_, i) =>
      (i % 2 === 0 ? one : two).appendUpdates(
        'd',
        [update(i), update(100 + i)],
        new Date(),
        i % 5 === 0 ? `D${i}` : undefined,
      ),
    );
    const lastSeqs = await Promise.all(appends);
    expect([...lastSeqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => 2 * (i + 1)));
    const { updates, lastSeq } = await one.loadDocument('d');
    expect(lastSeq).toBe(80);
    // Each append's two rows are next to each other, in the order given.
    for (let k = 0; k < 80; k += 2) expect(updates[k + 1]![0]).toBe(updates[k]![0]! + 100);
  });

  it('numbers amendments submitted at the same moment on two servers one after the other', async () => {
    const database = await freshDatabase();
    const [one, two] = [await open(database), await open(database)];
    await one.createAffiliation({ id: 'xva', kind: 'delegation', name: 'Valdoria', code: 'XVA' });
    const at = '2026-01-01T00:00:00.000Z';
    await one.createUser(person('u', 'xva', 'u@xva.example'));
    await one.createDraft({ id: 'd', title: 'D', createdAt: new Date(at) }, Uint8Array.of(0));
    const version = { draftId: 'd', label: 'Rev.1', note: '', createdBy: 'u', createdAt: at, state: Uint8Array.of(0) };
    await one.createVersion({
      ...version,
      id: 'v',
      document: { type: 'doc' },
      pillars: null,
      publishedAt: null,
      publishedBy: null,
    });
    const schedule = {
      submission: '2027-01-01',
      comment: '2027-02-01',
      deliberation: '2027-03-01',
      decision: '2027-04-01',
    };
    for (const id of ['c1', 'c2']) {
      await one.createReviewCycle({
        ...{ id, draftId: 'd', name: id, baseVersionId: 'v', phase: 'submission', schedule, openedBy: 'u' },
        ...{
          createdAt: at,
          phaseChangedAt: at,
          consolidatedVersionId: null,
          consolidatedBy: null,
          consolidatedAt: null,
        },
      });
    }
    const ids = Array.from({ length: 12 }, (_, i) => `a${i}`);
    for (const [i, id] of ids.entries()) {
      await one.createAmendment({
        ...{ id, cycleId: i % 2 === 0 ? 'c1' : 'c2', draftId: 'd', number: null, kind: 'modify', clauseId: 'c' },
        ...{ proposed: null, justification: '', pillars: [], sponsorId: 'xva', createdBy: 'u', createdAt: at },
        ...{ submittedAt: null, updatedAt: at, status: 'draft', revised: null, transitions: [] },
      });
    }
    const numbers = await Promise.all(ids.map((id, i) => (i % 2 === 0 ? one : two).numberAmendment(id)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(ids.map((_, i) => i + 1));
  });

  it('compacts a draft on one server at a time: while another holds the lock, a compaction does nothing', async () => {
    const database = await freshDatabase();
    const storage = await open(database);
    await storage.createDraft({ id: 'held', title: 'Held', createdAt: new Date() }, Uint8Array.of(0, 0));
    const last = await storage.appendUpdates('held', [update(1), update(2)], new Date());
    const other = new Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('begin');
      const [row] = (
        await other.query(`select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked`, [
          'accord:compact:held',
        ])
      ).rows as { locked: boolean }[];
      expect(row!.locked).toBe(true);
      expect(await storage.compactDocument('held', Uint8Array.of(9), last)).toBe(false);
      expect((await storage.loadDocument('held')).updates).toHaveLength(2);
      await other.query('commit');
      expect(await storage.compactDocument('held', Uint8Array.of(9), last)).toBe(true);
      expect(await storage.loadDocument('held')).toEqual({ state: Uint8Array.of(9), updates: [], lastSeq: last });
    } finally {
      await other.end();
    }
  });

  it('loads a draft as of one moment, even when a compaction commits between reading its state and its log', async () => {
    const database = await freshDatabase();
    const storage = await open(database);
    await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date() }, Uint8Array.of(0));
    await storage.appendUpdates('d', [update(1), update(2), update(3)], new Date());
    // Another session takes the log first: the load reads the state row, then waits for the log.
    const compactor = new Client({ connectionString: database.url });
    await compactor.connect();
    try {
      await compactor.query('begin');
      await compactor.query('lock table document_updates in access exclusive mode');
      const loading = storage.loadDocument('d');
      await waitFor(async () => {
        const waiting = await database.query(
          `select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and query like 'select%document_updates%'`,
          [database.name],
        );
        expect(waiting).toHaveLength(1);
      });
      // It compacts the first two updates and commits while the load waits.
      await compactor.query(`update document_states set data = '\\x0102'::bytea, up_to_seq = 2 where draft_id = 'd'`);
      await compactor.query(`delete from document_updates where draft_id = 'd' and seq <= 2`);
      await compactor.query('commit');
      // What was stored when the load began: the first state and all three updates.
      expect(await loading).toEqual({
        state: Uint8Array.of(0),
        updates: [Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)],
        lastSeq: 3,
      });
    } finally {
      await compactor.end();
    }
  });

  it('says the storage is failing while the database cannot be reached, and that it works again once it can', async () => {
    const database = await freshDatabase();
    const health = new StorageHealth();
    const storage = await open(database, health);
    health.useProbe(() => storage.setMeta('probe', new Date().toISOString()));
    await storage.setMeta('k', 'before');

    await onServer(`alter database ${database.name} allow_connections false`);
    await onServer(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${database.name}'`);
    const failure = await storage.setMeta('k', 'during').catch((error: unknown) => error);
    expect(isStorageFailure(failure)).toBe(true);
    // The pooled connection's statement meets either the server's notice that it ended the
    // session (57P01, admin shutdown) or, once the driver has seen the connection close, no
    // connection at all: which one depends on when the notice is read.
    expect([DATABASE_UNREACHABLE, '57P01']).toContain(health.failing?.code);
    await health.check();
    expect(health.failing).not.toBeNull();

    await onServer(`alter database ${database.name} allow_connections true`);
    await health.check();
    expect(health.failing).toBeNull();
    expect(await storage.getMeta('k')).toBe('before');
  });

  it('replaces a connection the database ended while it was idle, without a failure', async () => {
    const database = await freshDatabase();
    const health = new StorageHealth();
    const storage = await open(database, health);
    await storage.setMeta('k', 'one');
    await onServer(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${database.name}'`);
    await storage.setMeta('k', 'two');
    expect(await storage.getMeta('k')).toBe('two');
    expect(health.failing).toBeNull();
  });

  it('stores text with a NUL character, which PostgreSQL text cannot hold, with U+FFFD in its place', async () => {
    const storage = await open(await freshDatabase());
    await storage.setMeta('k', 'a\u0000b');
    expect(await storage.getMeta('k')).toBe('a\uFFFDb');
  });

  it('refuses to open with a sentence naming the database (never its password) when it cannot be reached', async () => {
    const url = 'postgres://accord:secret@127.0.0.1:1/nowhere';
    const opening = openPostgresStorage(url);
    await expect(opening).rejects.toThrow(/^Cannot reach the PostgreSQL database 127\.0\.0\.1:1\/nowhere: /);
    await expect(opening).rejects.not.toThrow(/secret/);
    expect(describePostgresUrl('postgresql://u:p@db.example/accord?sslmode=require')).toBe('db.example:5432/accord');
  });
});
