import type { Pillar, PillarKey } from '../../shared/pillars';
import { Taxonomy } from '../../shared/pillars';
import { ApiError } from '../errors';

/**
 * Pillar keys from a caller, deduplicated in the taxonomy's order. A key the draft's taxonomy
 * does not have is a 400 naming it and the draft's pillars.
 */
export function requireDraftPillars(pillars: readonly Pillar[], keys: readonly string[]): PillarKey[] {
  const taxonomy = new Taxonomy(pillars);
  const unknown = taxonomy.unknown(keys);
  if (unknown.length > 0) {
    const named = unknown.map((key) => `"${key}"`).join(', ');
    const known = taxonomy.keys.length > 0 ? `Its pillars are: ${taxonomy.keys.join(', ')}.` : 'It has no pillars yet.';
    throw new ApiError(400, 'unknown_pillar', `Not a pillar of this draft: ${named}. ${known}`, { unknown });
  }
  return taxonomy.ordered(keys);
}
