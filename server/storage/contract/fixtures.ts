import type { Storage, StoredUpdate, UserRecord } from '../Storage';

/** Bytes from numbers: a stand-in for a Yjs update or state (the contract is about storage, not Yjs). */
export const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** An update by nobody in particular (the contract is about storage, not attribution). */
export const up = (...values: number[]): StoredUpdate => ({ data: bytes(...values), authorId: null });

/** A person of one affiliation, for the rows of other areas that must name someone. */
export function person(id: string, affiliationId: string, email = `${id}@org.example`): UserRecord {
  return {
    id,
    email,
    name: id.toUpperCase(),
    passwordHash: 'h',
    affiliationId,
    canCreateDrafts: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** An organisation (`aff`), a person of it (`u`) and a draft (`d`): what the rows of most areas hang on. */
export async function seedDraft(storage: Storage): Promise<void> {
  await storage.createAffiliation({ id: 'aff', kind: 'organisation', name: 'Org', code: null });
  await storage.createUser(person('u', 'aff'));
  await storage.createDraft({ id: 'd', title: 'D', createdAt: new Date('2026-01-01T00:00:00Z') }, bytes(0));
}

/** What a backend under the contract is said to offer beyond the interface's required methods. */
export interface ContractBackend {
  /** It commits appends synchronously (`appendUpdatesNow`), as the embedded SQLite does. */
  appendsNow: boolean;
}
