import type { MarkerListing } from '../api/markersApi';
import { listMarkers } from '../api/markersApi';
import type { CollabSession } from '../collab/CollabSession';
import { useLiveResource } from './useLiveResource';

const NONE: MarkerListing = {
  brackets: [],
  alternatives: [],
  counts: { byClause: {}, byPillar: {}, byDelegation: {} },
};

/** The open brackets and alternatives of a draft, kept live (`markers-changed`, and after typing). */
export function useMarkers(session: CollabSession): MarkerListing & { refresh: () => void } {
  const { value, refresh } = useLiveResource(session, listMarkers, NONE, (event) =>
    event.type === 'markers-changed' ? 'reload' : null,
  );
  return { ...value, refresh };
}
