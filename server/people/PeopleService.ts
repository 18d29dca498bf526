import { hashPassword } from '../auth/passwords';
import { newId, normaliseEmail } from '../auth/AuthService';
import { ApiError } from '../errors';
import type { Role } from '../../shared/roles';
import type { AffiliationRecord, InviteAcceptance, InviteRecord, Storage, UserRecord } from '../storage/Storage';

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
    return this.storage.createUser(await this.newUser(person));
  }

  /**
   * Accepts an invitation for a signed-in person or a new account, all in one transaction (see
   * `PeopleStorage.acceptInvite`): when several accept at once, one does, and the others are
   * refused with nothing written, no account created. 410 when it is no longer open, 409 when the
   * new account's email is in use.
   */
  async acceptInvite(
    invite: InviteRecord,
    person: { userId: string } | Omit<NewPerson, 'affiliation'>,
  ): Promise<{ userId: string; user: UserRecord | null; draftId: string; role: Role }> {
    let user: UserRecord | null = null;
    let accepting: InviteAcceptance['person'];
    if ('userId' in person) accepting = { userId: person.userId };
    else {
      user = await this.newUser({ ...person, affiliation: { id: invite.affiliationId } });
      accepting = { newUser: user };
    }
    const result = await this.storage.acceptInvite({ inviteId: invite.id, person: accepting, at: new Date() });
    if (!result.ok && result.refusal === 'email_taken') throw emailTaken();
    if (!result.ok)
      throw new ApiError(410, 'invite_closed', 'This invitation has just been used. Ask the chair for a new one.');
    return { userId: result.userId, user, draftId: result.draftId, role: result.role };
  }

  /** The record of a new account, checked (its affiliation exists, its email is free) and its password hashed. */
  private async newUser(person: NewPerson): Promise<UserRecord> {
    const email = normaliseEmail(person.email);
    if (await this.storage.getUserByEmail(email)) throw emailTaken();
    const affiliation = await this.affiliation(person.affiliation);
    return {
      id: newId(),
      email,
      name: person.name.trim(),
      passwordHash: await hashPassword(person.password),
      affiliationId: affiliation.id,
      canCreateDrafts: person.canCreateDrafts ?? false,
      createdAt: new Date().toISOString(),
    };
  }
}

function emailTaken(): ApiError {
  return new ApiError(409, 'email_taken', 'An account with this email address already exists. Sign in instead.');
}
