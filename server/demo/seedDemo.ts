import { CYBER_PILLARS } from '../../shared/pillars';
import { newClauseId } from '../../shared/clauseId';
import { draftFromSpec } from '../../shared/draftText';
import type { DraftService } from '../drafts/DraftService';
import type { Logger } from '../logger';
import type { PeopleService } from '../people/PeopleService';
import type { Storage } from '../storage/Storage';
import type { ReviewService } from '../review/ReviewService';
import type { VersionService } from '../versions/VersionService';
import { demoDraft } from './demoDraft';
import { seedDemoReview } from './demoReview';
import { DEMO_PASSWORD, demoPeople } from './demoPeople';

const DEMO_SEEDED_KEY = 'demo_seeded';

/**
 * On the first start with DEMO on: the demo draft and the demo accounts, each a member of it,
 * and the draft's first periodic review with two amendments tabled.
 * Seeded on the server, once (a marker in the database), never from a client.
 */
/** Claimed by the server that seeds the demo, before it starts. */
const DEMO_SEEDING_KEY = 'demo_seeding';

export async function seedDemoOnce(deps: {
  storage: Storage;
  drafts: DraftService;
  people: PeopleService;
  versions: VersionService;
  review: ReviewService;
  logger: Logger;
}): Promise<void> {
  const { storage, drafts, people, logger } = deps;
  if (await storage.getMeta(DEMO_SEEDED_KEY)) return;
  // Several servers starting at once on an empty database: one seeds, the others leave it to it.
  if (!(await storage.claimMeta(DEMO_SEEDING_KEY, new Date().toISOString()))) return;
  const draft = await drafts.create(demoDraft.title, {
    content: draftFromSpec(demoDraft, newClauseId),
    pillars: CYBER_PILLARS,
  });
  const accounts = await Promise.all(
    demoPeople.map(async (person) => ({
      person,
      user:
        (await storage.getUserByEmail(person.email)) ??
        (await people.createPerson({ ...person, password: DEMO_PASSWORD })),
    })),
  );
  for (const { person, user } of accounts) await storage.setMembership(draft.id, user.id, person.role, new Date());
  await seedDemoReview(deps, draft.id);
  await storage.setMeta(DEMO_SEEDED_KEY, draft.id);
  logger.info({ draftId: draft.id, accounts: accounts.length }, 'seeded the demo draft and demo accounts');
}

/**
 * With DEMO off, no demo account may be usable: any left from an earlier demo start get an
 * unusable password and lose their sessions.
 */
export async function lockDemoAccounts(deps: { storage: Storage; logger: Logger }): Promise<void> {
  for (const person of demoPeople) {
    const user = await deps.storage.getUserByEmail(person.email);
    if (!user || user.passwordHash === LOCKED) continue;
    await deps.storage.setPasswordHash(user.id, LOCKED);
    for (const session of await deps.storage.listSessions(user.id))
      await deps.storage.revokeSession(session.id, new Date());
    deps.logger.warn({ email: person.email }, 'DEMO is off: locked a demo account left from an earlier start');
  }
}

/** A password hash no password matches. */
const LOCKED = '!locked';
