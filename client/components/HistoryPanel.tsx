import { useMemo } from 'react';
import type { CollabSession } from '../collab/CollabSession';
import { groupChanges } from '../history/groupChanges';
import { useClauseHistory } from '../history/useClauseHistory';
import { formatAbsolute, formatRelative } from './formatTimestamp';

/** Props of {@link HistoryPanel}. */
export interface HistoryPanelProps {
  session: CollabSession;
  /** Puts the caret in a clause and scrolls the text to it. */
  onSelectClause: (clauseId: string) => void;
}

/**
 * Who changed which clause and when, newest first, following the text live. One row per
 * person's run of work (see `groupChanges`); clause numbers are today's, and a clause deleted
 * since is named as such.
 */
export function HistoryPanel({ session, onSelectClause }: HistoryPanelProps) {
  const state = useClauseHistory(session);
  const groups = useMemo(() => (state.kind === 'ready' ? groupChanges(state.changes) : []), [state]);

  if (state.kind === 'loading') return <p className="panel-empty">Loading the history…</p>;
  if (state.kind === 'error')
    return (
      <p className="panel-empty panel-empty--error" role="alert">
        {state.message}
      </p>
    );
  return (
    <section className="history" aria-label="History of changes">
      <h2 className="panel-heading">Changes, newest first</h2>
      {groups.length === 0 ? (
        <p className="panel-empty">
          Nobody has changed a clause yet. Every change will be listed here with who made it.
        </p>
      ) : (
        <ol className="history__list">
          {groups.map((group) => (
            <li key={group.key} className="history__entry" data-testid="history-entry">
              <p className="history__who">
                <span className="history__author" data-testid="history-author">
                  {group.author?.name ?? 'Accord'}
                </span>
                {group.author && <span className="history__affiliation">{group.author.affiliation}</span>}
              </p>
              {group.summary !== null && (
                <p className="history__what history__decision" data-testid="history-decision">
                  {group.summary}
                </p>
              )}
              <p className="history__what">
                {group.summary !== null ? 'in ' : group.author ? 'changed ' : 'repaired '}
                {group.clauses.map((clause, index) => (
                  <span key={clause.id}>
                    {index > 0 && ', '}
                    {clause.number === null ? (
                      <span className="history__clause history__clause--deleted" data-testid="history-clause">
                        a deleted clause
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="history__clause"
                        data-testid="history-clause"
                        onClick={() => onSelectClause(clause.id)}
                      >
                        {clause.number}
                      </button>
                    )}
                  </span>
                ))}
              </p>
              <time className="history__when" dateTime={group.latest} title={formatAbsolute(group.latest)}>
                {formatRelative(group.latest)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
