import type { InCycle, OnAmendment, Role } from '../../shared/roles';
import { decide } from '../../shared/roles';
import { amendmentLabel } from '../../shared/review/types';
import type { Principal } from '../auth/AuthService';
import type { ConnectionAccess } from '../collab/ConnectionAccess';
import type { AmendmentRecord, ReviewCycleRecord } from '../storage/Storage';

/** Who is reading or acting: their person, role on the draft and delegation or organisation. */
export interface ReviewActor {
  userId: string;
  role: Role;
  affiliationId: string;
  affiliationKind: 'delegation' | 'organisation';
}

/** The actor of an API request. */
export function reviewActor(principal: Principal, role: Role): ReviewActor {
  return {
    userId: principal.user.id,
    role,
    affiliationId: principal.affiliation.id,
    affiliationKind: principal.affiliation.kind,
  };
}

/** The reader on a collab connection, for what it may be sent (its affiliation's kind is not needed there). */
export function accessActor(access: ConnectionAccess): ReviewActor {
  return {
    userId: access.userId,
    role: access.role,
    affiliationId: access.affiliationId,
    affiliationKind: 'delegation',
  };
}

/** What the policy needs to decide an action of `actor` in `cycle`. */
export function inCycle(actor: ReviewActor, cycle: ReviewCycleRecord): InCycle {
  return {
    role: actor.role,
    affiliation: { id: actor.affiliationId, kind: actor.affiliationKind },
    phase: cycle.phase,
  };
}

/** What the policy needs to decide an action of `actor` on one amendment. */
export function onAmendment(actor: ReviewActor, cycle: ReviewCycleRecord, record: AmendmentRecord): OnAmendment {
  return {
    ...inCycle(actor, cycle),
    amendment: { sponsorId: record.sponsorId, status: record.status, label: amendmentLabel(record.number) },
  };
}

/** Whether `reader` may see the amendment (`amendment:read`: a draft is its sponsor's alone). */
export function visibleTo(record: AmendmentRecord, reader: Pick<ReviewActor, 'role' | 'affiliationId'>): boolean {
  return decide('amendment:read', {
    role: reader.role,
    affiliation: { id: reader.affiliationId },
    amendment: { sponsorId: record.sponsorId, status: record.status },
  }).ok;
}
