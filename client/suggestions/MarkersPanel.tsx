import type { Editor } from '@tiptap/core';
import { useState } from 'react';
import type { Role } from '../../shared/roles';
import { can } from '../../shared/roles';
import type { MarkerListing } from '../api/markersApi';
import { holdBracket, removeBracket, selectAlternative, supportAlternative } from '../api/markersApi';
import {
  addAlternative,
  bracketSelection,
  markerProblem,
  proposeAlternative,
  proposeClauseWording,
  selectWholeClause,
} from '../editor/markerCommands';

/** Props of {@link MarkersPanel}. */
export interface MarkersPanelProps {
  editor: Editor;
  draftId: string;
  role: Role | null;
  me: { id: string; affiliationId: string };
  clause: { id: string; number: string } | null;
  markers: MarkerListing & { refresh: () => void };
}

/**
 * Square brackets and alternatives for the clause with the caret (docs/brackets-and-alternatives.md):
 * bracket the selected words or propose another wording for them, and for each open bracket and
 * set of wordings who holds or supports it, with joining, leaving and supporting for delegations
 * and lifting a bracket or selecting a wording for the chair.
 */
export function MarkersPanel({ editor, draftId, role, me, clause, markers }: MarkersPanelProps) {
  const [error, setError] = useState<string | null>(null);
  const [wording, setWording] = useState('');
  if (!can(role ?? undefined, 'draft:edit-text') || clause === null) return null;
  const chair = can(role ?? undefined, 'bracket:remove');
  const who = { userId: me.id, affiliationId: me.affiliationId };
  const brackets = markers.brackets.filter((bracket) => bracket.clauseId === clause.id);
  const sets = markers.alternatives.filter((set) => set.clauseId === clause.id || set.clauseIds.includes(clause.id));
  const wholeSet = sets.find((set) => set.wholeClause);
  const act = (work: () => Promise<unknown>) => {
    setError(null);
    work().then(markers.refresh, (failure: unknown) =>
      setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  /** Selects the whole clause with the caret first (for what is placed around all its words). */
  const placeOnWholeClause = (make: () => ReturnType<typeof bracketSelection> | null) => {
    const select = selectWholeClause(editor.state);
    if (select) editor.view.dispatch(select);
    place(make);
  };
  const place = (make: () => ReturnType<typeof bracketSelection> | null, wordings = false) => {
    const problem = markerProblem(editor.state, chair, wordings);
    if (problem !== null) return setError(problem);
    const tr = make();
    if (tr) editor.view.dispatch(tr);
    setError(null);
  };

  return (
    <section
      className="markers"
      aria-label={`Brackets and alternatives in ${clause.number}`}
      data-testid="markers-panel"
    >
      <div className="markers__place">
        <button
          type="button"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => place(() => bracketSelection(editor.state, who))}
        >
          [ ] Bracket the selection
        </button>
        <button
          type="button"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => placeOnWholeClause(() => bracketSelection(editor.state, who))}
        >
          [ ] Bracket the whole clause
        </button>
        <input
          aria-label="Another wording for the selected words"
          placeholder="Another wording…"
          value={wording}
          onChange={(event) => setWording(event.target.value)}
        />
        <button
          type="button"
          disabled={wording.trim() === ''}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            place(() => proposeAlternative(editor.state, who, wording.trim()), true);
            setWording('');
          }}
        >
          Propose as Alt 2
        </button>
        <button
          type="button"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => placeOnWholeClause(() => proposeClauseWording(editor.state, who, clause.id))}
          data-testid="propose-clause-wording"
        >
          Another wording of the whole clause (Alt {wholeSet ? wholeSet.options.length + 1 : 2})
        </button>
      </div>
      {error && (
        <p className="suggestions__notice" role="alert">
          {error}
        </p>
      )}
      {brackets.map((bracket) => {
        const holding = bracket.holders.some((holder) => holder.id === me.affiliationId);
        return (
          <div key={bracket.id} className="marker-card" data-testid="bracket">
            <p className="marker-card__what">
              [{bracket.text}]{' '}
              <span className="marker-card__who">
                held by {bracket.holders.map((h) => h.name).join(', ') || 'nobody'}
              </span>
            </p>
            <div className="suggestion-card__actions">
              {!chair && (
                <button type="button" onClick={() => act(() => holdBracket(draftId, bracket.id, !holding))}>
                  {holding ? 'Leave' : 'Join'}
                </button>
              )}
              {chair && (
                <button type="button" onClick={() => act(() => removeBracket(draftId, bracket.id))}>
                  Remove brackets
                </button>
              )}
            </div>
          </div>
        );
      })}
      {sets.map((set) => (
        <div key={set.id} className="marker-card" data-testid="alternatives">
          {set.options.map((option) => (
            <div key={option.id} className="marker-card__option">
              <p className="marker-card__what">
                {option.label}: “{option.text}”{' '}
                <span className="marker-card__who">
                  {option.proposedBy.delegation.name}
                  {option.supporters.length > 0 && ` · supported by ${option.supporters.map((s) => s.name).join(', ')}`}
                </span>
              </p>
              <div className="suggestion-card__actions">
                {!chair && (
                  <button type="button" onClick={() => act(() => supportAlternative(draftId, set.id, option.id))}>
                    Support {option.label}
                  </button>
                )}
                {chair && (
                  <button type="button" onClick={() => act(() => selectAlternative(draftId, set.id, option.id))}>
                    Select {option.label}
                  </button>
                )}
              </div>
            </div>
          ))}
          {!chair && !set.wholeClause && (
            <button
              type="button"
              disabled={wording.trim() === ''}
              onClick={() => {
                const tr = addAlternative(editor.state, who, set.id, wording.trim());
                if (tr) editor.view.dispatch(tr);
                setWording('');
              }}
            >
              Add the wording above as Alt {set.options.length + 1}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
