import { useMemo, useState } from 'react';
import type { CollabSession } from '../collab/CollabSession';
import { ChangeWords } from '../history/ChangeWords';
import { groupChanges, type ChangeGroup } from '../history/groupChanges';
import { useClauseHistory } from '../history/useClauseHistory';
import { formatAbsolute, formatRelative } from './formatTimestamp';

/** Props of {@link HistoryPanel}. */
export interface HistoryPanelProps {
  session: CollabSession;
  /** Puts the caret in a clause and scrolls the text to it. */
  onSelectClause: (clauseId: string) => void;
}

/**
 * A row's "What changed" button and, once opened, each clause's words before → after over the
 * row's run of changes. A native disclosure: a button with `aria-expanded` controlling the region.
 */
function WhatChanged({ draftId, group }: { draftId: string; group: ChangeGroup }) {
  const [open, setOpen] = useState(false);
  const regionId = `history-change-${group.earliestId}`;
  return (
    <>
      <button
        type="button"
        className="history__disclosure"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => setOpen((was) => !was)}
        data-testid="history-show-change"
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> What changed
      </button>
      {open && (
        <div id={regionId} className="history__changes" role="region" aria-label="What changed">
          {group.clauses.map((clause) => (
            <ChangeWords
              key={clause.id}
              draftId={draftId}
              query={{ clauseId: clause.id, from: group.earliestId, to: group.key }}
              name={clause.number ?? 'A deleted clause'}
            />
          ))}
        </div>
      )}
    </>
  );
}

/**
 * Who changed which clause and when, newest first, following the text live. One row per
 * person's run of work (see `groupChanges`); clause numbers are today's, and a clause deleted
 * since is named as such. Each row of edits opens on what it did to each clause's words.
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
            // Keyed by the run's oldest change, which stays while the run grows, so an opened row stays open.
            <li key={group.earliestId} className="history__entry" data-testid="history-entry">
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
              {group.summary === null && <WhatChanged draftId={session.draftId} group={group} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
