import type { CollabStatus } from '../collab/CollabSession';
import { describeUnsynced } from './ConnectionStatus';

/**
 * Says what happens to changes made while the server cannot be reached: they stay in this browser
 * and are sent when the connection returns, nobody else sees them until then, and closing the
 * window now risks them (the browser also asks before it closes, see `useWarnBeforeLeaving`).
 */
export function UnsyncedChangesBanner({ status }: { status: CollabStatus }) {
  const { connection, unsyncedChanges } = status;
  if (connection === 'connected' || connection === 'connecting') return null;
  const headline = connection === 'offline' ? 'You are offline.' : 'The connection to the server was lost.';
  return (
    <div className="banner banner--notice" role="status" data-testid="unsynced-banner">
      <strong className="banner__headline">{headline}</strong> Keep working:{' '}
      {unsyncedChanges > 0 ? `your ${describeUnsynced(unsyncedChanges)} are` : 'your changes are'} kept in this browser
      and sent when the connection returns; until then no one else sees them. Keep this window open: closing it now may
      lose them.
    </div>
  );
}
