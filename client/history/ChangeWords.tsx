import { useEffect, useState } from 'react';
import type { WordChange } from '../../shared/redline';
import { ApiError } from '../api/ApiError';
import { getHistoryRedline, type HistoryRedlineQuery } from '../api/historyApi';
import { RedlineWordsText } from '../versions/RedlineWordsText';

/** The last answer, kept on screen until the next one arrives (the run grows as its author types on). */
type WordsState = { kind: 'error'; message: string } | { kind: 'ready'; words: WordChange[] };

/** Props of {@link ChangeWords}. */
export interface ChangeWordsProps {
  draftId: string;
  query: HistoryRedlineQuery;
  /** The clause as the history names it: its number now, or "a deleted clause". */
  name: string;
}

/**
 * What one row of the history did to one clause: its words before → after as a word redline,
 * insertions underlined and deletions struck through, read from the server when shown.
 */
export function ChangeWords({ draftId, query, name }: ChangeWordsProps) {
  const [state, setState] = useState<WordsState | null>(null);
  const { clauseId, from, to } = query;

  useEffect(() => {
    const controller = new AbortController();
    getHistoryRedline(draftId, { clauseId, from, to }, controller.signal)
      .then((words) => setState({ kind: 'ready', words }))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const message = caught instanceof ApiError ? caught.message : 'What changed could not be loaded.';
        setState({ kind: 'error', message });
      });
    return () => controller.abort();
  }, [draftId, clauseId, from, to]);

  return (
    <div className="history__change" data-testid="history-change" data-clause-id={clauseId}>
      <p className="history__change-clause">{name}</p>
      {state === null && <p className="history__change-note">Loading…</p>}
      {state?.kind === 'error' && <p className="history__change-note">{state.message}</p>}
      {state?.kind === 'ready' && <RedlineWordsText words={state.words} />}
    </div>
  );
}
