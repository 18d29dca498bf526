import { hashPassword } from '../auth/passwords';
import { newId, normaliseEmail } from '../auth/AuthService';
import { ApiError } from '../errors';
import type { AffiliationRecord, Storage, UserRecord } from '../storage/Storage';

/** A delegation or organisation named by its kind and name (and a State's ISO alpha-3 code). */
export interface AffiliationInput {
  kind: AffiliationRecord['kind'];
  name: string;
  code?: string | null;
}

export interface NewPerson {
  email: string;
  name: string;
  password: string;
  affiliation: AffiliationInput | { id: string };
  canCreateDrafts?: boolean;
}

/** People and the bodies they speak for. Every account belongs to exactly one delegation or organisation. */
export class PeopleService {
  constructor(private readonly storage: Storage) {}

  /** The affiliation with that kind and name, created if it does not exist yet. */
  async affiliation(input: AffiliationInput | { id: string }): Promise<AffiliationRecord> {
    if ('id' in input) {
      const found = await this.storage.getAffiliation(input.id);
      if (!found)
        throw new ApiError(400, 'unknown_affiliation', 'There is no delegation or organisation with that id.');
      return found;
    }
    const existing = await this.storage.findAffiliation(input.kind, input.name.trim());
    if (existing) return existing;
    return this.storage.createAffiliation({
      id: newId(),
      kind: input.kind,
      name: input.name.trim(),
      code: input.kind === 'delegation' ? (input.code ?? null) : null,
    });
  }

  /** Creates an account; an email already in use is a 409. */
  async createPerson(person: NewPerson): Promise<UserRecord> {
    const email = normaliseEmail(person.email);
    if (await this.storage.getUserByEmail(email)) {
      throw new ApiError(409, 'email_taken', 'An account with this email address already exists. Sign in instead.');
    }
    const affiliation = await this.affiliation(person.affiliation);
    return this.storage.createUser({
      id: newId(),
      email,
      name: person.name.trim(),
      passwordHash: await hashPassword(person.password),
      affiliationId: affiliation.id,
      canCreateDrafts: person.canCreateDrafts ?? false,
      createdAt: new Date().toISOString(),
    });
  }
}
