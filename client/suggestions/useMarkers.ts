import { useMemo } from 'react';
import type { MarkerListing } from '../api/markersApi';
import { listMarkers } from '../api/markersApi';
import type { CollabSession } from '../collab/CollabSession';
import { useLiveResource } from './useLiveResource';

const NONE: MarkerListing = {
  brackets: [],
  alternatives: [],
  counts: { byClause: {}, byPillar: {}, byDelegation: {} },
};

/**
 * The open brackets and alternatives of a draft, kept live (`markers-changed`, and after typing):
 * the same object until they are read again, so that what depends on them (the editor's marker
 * titles, a transaction of their own) is not done again at every render of the page.
 */
export function useMarkers(session: CollabSession, followTyping: boolean): MarkerListing & { refresh: () => void } {
  const { value, refresh } = useLiveResource(
    session,
    listMarkers,
    NONE,
    (event) => (event.type === 'markers-changed' ? 'reload' : null),
    followTyping,
  );
  return useMemo(() => ({ ...value, refresh }), [value, refresh]);
}

/** What each marker says on hover: who holds a bracket open, who proposed and who supports a wording. */
export function markerTitles(listing: MarkerListing): Map<string, string> {
  const titles = new Map<string, string>();
  for (const bracket of listing.brackets)
    titles.set(bracket.id, `Held open by ${bracket.holders.map((holder) => holder.name).join(', ') || 'nobody'}`);
  for (const set of listing.alternatives) {
    for (const option of set.options) {
      const supporters = option.supporters.map((supporter) => supporter.name).join(', ');
      titles.set(
        option.id,
        `${option.label}, proposed by ${option.proposedBy.delegation.name}${supporters ? `; supported by ${supporters}` : ''}`,
      );
    }
  }
  return titles;
}

/** How many open brackets each delegation holds, most first (then by name). */
export function bracketsByDelegation(listing: MarkerListing): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const bracket of listing.brackets)
    for (const holder of bracket.holders) counts.set(holder.name, (counts.get(holder.name) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
