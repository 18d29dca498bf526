import type { CollabStatus, ConnectionState } from '../collab/CollabSession';

const labels: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const explanations: Record<ConnectionState, string> = {
  connected: 'Your changes reach the other delegations as you type.',
  connecting: 'Opening the live connection to the server.',
  reconnecting: 'The connection was lost. Your changes are kept in this browser and sent when it is back.',
  offline: 'No connection. Your changes are kept in this browser and sent when you are back online.',
};

/** Says "N unsynced changes" in words, with the right plural. */
export function describeUnsynced(count: number): string {
  return `${count} unsynced ${count === 1 ? 'change' : 'changes'}`;
}

/**
 * The header's connection indicator: whether edits are reaching the others right now and, when
 * they are not, how many local changes are waiting to merge.
 */
export function ConnectionStatus({ status }: { status: CollabStatus }) {
  const { connection, unsyncedChanges } = status;
  return (
    <div className="connection" title={explanations[connection]}>
      <span
        className={`connection__state connection__state--${connection}`}
        data-testid="connection-status"
        data-state={connection}
        role="status"
        aria-live="polite"
      >
        <span className="connection__dot" aria-hidden="true" />
        {labels[connection]}
      </span>
      {connection !== 'connected' && (
        <span
          className={`connection__unsynced${unsyncedChanges > 0 ? ' connection__unsynced--pending' : ''}`}
          data-testid="unsynced-count"
          data-count={unsyncedChanges}
        >
          {describeUnsynced(unsyncedChanges)}
        </span>
      )}
    </div>
  );
}
