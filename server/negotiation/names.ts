import type { Named } from '../../shared/negotiation';
import type { Storage } from '../storage/Storage';

/** Names of delegations and of the people given, by id, for answers that show who did what. */
export interface Names {
  affiliation: (id: string) => Named;
  user: (id: string) => Named;
}

/** Reads the names of every delegation and of `userIds`; an id stands in for a name nobody knows any more. */
export async function namesOf(storage: Storage, userIds: readonly string[]): Promise<Names> {
  const affiliations = new Map((await storage.listAffiliations()).map((row) => [row.id, row.name]));
  const users = new Map<string, string>();
  for (const id of new Set(userIds)) {
    const user = await storage.getUser(id);
    if (user) users.set(id, user.name);
  }
  return {
    affiliation: (id) => ({ id, name: affiliations.get(id) ?? id }),
    user: (id) => ({ id, name: users.get(id) ?? id }),
  };
}
