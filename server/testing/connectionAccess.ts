import { CYBER_TAXONOMY } from '../../shared/pillars';
import type { Role } from '../../shared/roles';
import type { ConnectionAccess } from '../collab/ConnectionAccess';

/** What a test connection of `userId` may do: `role` on the draft, for `affiliationId`, with every pillar of the cyber taxonomy. */
export function testAccess(
  userId: string,
  role: Role = 'delegate',
  affiliationId = `affiliation-${userId}`,
): ConnectionAccess {
  return {
    userId,
    affiliationId,
    sessionId: `session-${userId}`,
    role,
    presence: { userId, name: userId, color: '#000000', role, affiliation: 'Test', affiliationCode: null },
    facilitatorMode: false,
    pillars: new Set(CYBER_TAXONOMY.keys),
  };
}
