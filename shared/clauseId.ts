import { customAlphabet } from 'nanoid';

/**
 * A new clause id: stable for the life of the clause, never derived from its position, so
 * comments, amendments and versions can point at a clause while it is renumbered or moved.
 */
export const newClauseId: () => string = (() => {
  const random = customAlphabet('0123456789abcdefghijkmnopqrstuvwxyz', 12);
  return () => `c_${random()}`;
})();
