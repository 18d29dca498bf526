import type { Amendment } from '../../shared/review/types';

/**
 * Whether an amendment changed (text, status, co-sponsors, statements) since the reader last
 * marked the cycle as seen. Someone who has never marked it has seen nothing yet, so everything
 * is new to them. Times are compared as instants, not strings, so offsets and precision differ freely.
 */
export function isNewSince(amendment: Pick<Amendment, 'updatedAt'>, lastVisitAt: string | null): boolean {
  if (lastVisitAt === null) return true;
  const updated = Date.parse(amendment.updatedAt);
  const visited = Date.parse(lastVisitAt);
  if (Number.isNaN(updated) || Number.isNaN(visited)) return false;
  return updated > visited;
}

/** How many of `amendments` are new to the reader (see {@link isNewSince}). */
export function countNewSince(amendments: readonly Pick<Amendment, 'updatedAt'>[], lastVisitAt: string | null): number {
  return amendments.filter((amendment) => isNewSince(amendment, lastVisitAt)).length;
}
