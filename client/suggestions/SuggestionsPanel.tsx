import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import type { Role } from '../../shared/roles';
import { can } from '../../shared/roles';
import type { Suggestion } from '../../shared/suggestions';
import {
  decideClauseSuggestions,
  decideSuggestion,
  setFacilitatorMode,
  setSuggestionStance,
} from '../api/suggestionsApi';
import { PROPOSE_PARAGRAPH_EVENT, suggestModeIn } from '../editor/SuggestMode';
import { proposeDeletingClause, proposeParagraph } from '../editor/suggesting';
import type { SuggestionsState } from './useSuggestions';

/** Props of {@link SuggestionsPanel}. */
export interface SuggestionsPanelProps {
  editor: Editor;
  draftId: string;
  role: Role | null;
  me: { id: string; affiliationId: string };
  /** The clause holding the caret (its id and number), or null. */
  clause: { id: string; number: string } | null;
  suggestions: SuggestionsState;
  /** The last change suggest mode could not make, with why; null for none. */
  refusal: string | null;
}

function describe(suggestion: Suggestion): string {
  const words = suggestion.text.trim();
  if (suggestion.wholeParagraph)
    return suggestion.kind === 'insert' ? `New paragraph “${words}”` : `Delete the whole paragraph “${words}”`;
  return suggestion.kind === 'insert' ? `Insert “${words}”` : `Delete “${words}”`;
}

/**
 * Suggest mode for the person: the Editing / Suggesting switch (suggesting is the only way for a
 * delegate in agreed text and, in facilitator mode, everywhere), the chair's facilitator mode, and
 * the open suggestions of the clause with the caret, each with what the person may do about it:
 * accept or reject (the chair, one or all), withdraw (its author), support or oppose (others).
 */
export function SuggestionsPanel({ editor, draftId, role, me, clause, suggestions, refusal }: SuggestionsPanelProps) {
  const mode = useEditorState({ editor, selector: ({ editor: current }) => suggestModeIn(current.state) });
  const [error, setError] = useState<string | null>(null);
  const [proposal, setProposal] = useState('');
  const proposalField = useRef<HTMLTextAreaElement>(null);
  // Enter while suggesting: the new paragraph is written here, then proposed as a whole.
  useEffect(() => {
    const dom = editor.view.dom;
    const open = () => proposalField.current?.focus();
    dom.addEventListener(PROPOSE_PARAGRAPH_EVENT, open);
    return () => dom.removeEventListener(PROPOSE_PARAGRAPH_EVENT, open);
  }, [editor]);
  const mayEdit = can(role ?? undefined, 'draft:edit-text');
  if (!mayEdit) return null;
  const chair = can(role ?? undefined, 'suggestion:decide');
  const takesStances = can(role ?? undefined, 'suggestion:take-stance');
  const forced = suggestions.facilitatorMode && !chair;
  const open = suggestions.suggestions.filter(
    (s) => s.status === 'open' && clause !== null && s.clauseId === clause.id,
  );
  const suggester = mode.suggester;
  const propose = (transaction: ReturnType<typeof proposeParagraph>) => {
    if (!transaction) return false;
    editor.view.dispatch(transaction);
    editor.commands.focus();
    return true;
  };
  const act = (work: () => Promise<unknown>) => {
    setError(null);
    work().then(suggestions.refresh, (failure: unknown) =>
      setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };

  return (
    <section className="suggestions" aria-label="Suggestions" data-testid="suggestions-panel">
      <div className="suggestions__modes">
        <button
          type="button"
          className="suggestions__toggle"
          aria-pressed={mode.suggesting || forced}
          disabled={forced}
          title={
            forced
              ? 'The chair has made suggesting the only way to change this draft.'
              : 'Switch between editing and suggesting (Ctrl+Alt+S)'
          }
          onClick={() => editor.chain().setSuggesting(!mode.suggesting).focus().run()}
          data-testid="suggest-toggle"
        >
          {mode.suggesting || forced ? 'Suggesting' : 'Editing'}
        </button>
        {chair && (
          <label className="suggestions__facilitator">
            <input
              type="checkbox"
              checked={suggestions.facilitatorMode}
              onChange={(event) => act(() => setFacilitatorMode(draftId, event.target.checked))}
              data-testid="facilitator-mode"
            />
            Facilitator mode (only the chair edits)
          </label>
        )}
      </div>
      {refusal && (
        <p className="suggestions__notice" role="status">
          {refusal}
        </p>
      )}
      {error && (
        <p className="suggestions__notice" role="alert">
          {error}
        </p>
      )}
      {clause !== null && suggester !== null && (mode.suggesting || forced) && (
        <form
          className="suggestions__propose"
          aria-label={`Propose a new paragraph after ${clause.number}`}
          onSubmit={(event) => {
            event.preventDefault();
            if (propose(proposeParagraph(editor.state, clause.id, proposal, suggester))) setProposal('');
          }}
        >
          <label className="suggestions__propose-label">
            New paragraph after {clause.number}
            <textarea
              ref={proposalField}
              rows={2}
              value={proposal}
              onChange={(event) => setProposal(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.shiftKey) {
                  event.preventDefault();
                  event.currentTarget.form?.requestSubmit();
                } else if (event.key === 'Escape') editor.commands.focus();
              }}
              data-testid="propose-paragraph-text"
            />
          </label>
          <div className="suggestions__all">
            <button type="submit" disabled={proposal.trim() === ''} data-testid="propose-paragraph">
              Propose paragraph
            </button>
            <button
              type="button"
              onClick={() => propose(proposeDeletingClause(editor.state, clause.id, suggester))}
              data-testid="propose-deletion"
            >
              Propose deleting {clause.number}
            </button>
          </div>
        </form>
      )}
      {clause !== null && open.length > 0 && (
        <div className="suggestions__clause">
          <h3 className="suggestions__title">
            Suggestions in {clause.number} <span className="suggestions__count">{open.length}</span>
          </h3>
          {chair && (
            <div className="suggestions__all">
              <button
                type="button"
                onClick={() => act(() => decideClauseSuggestions(draftId, clause.id, 'accept-all'))}
              >
                Accept all
              </button>
              <button
                type="button"
                onClick={() => act(() => decideClauseSuggestions(draftId, clause.id, 'reject-all'))}
              >
                Reject all
              </button>
            </div>
          )}
          <ul className="suggestions__list">
            {open.map((suggestion) => {
              const mine = suggestion.author.id === me.id;
              const ours = suggestion.delegation.id === me.affiliationId;
              return (
                <li
                  key={`${suggestion.kind}:${suggestion.id}`}
                  className={`suggestion-card suggestion-card--${suggestion.kind}`}
                  data-testid="suggestion"
                >
                  <p className="suggestion-card__what">{describe(suggestion)}</p>
                  <p className="suggestion-card__who">
                    {suggestion.author.name}, {suggestion.delegation.name} · {new Date(suggestion.at).toLocaleString()}
                  </p>
                  {(suggestion.supporters.length > 0 || suggestion.opponents.length > 0) && (
                    <p className="suggestion-card__positions">
                      {suggestion.supporters.length > 0 &&
                        `Supported by ${suggestion.supporters.map((s) => s.name).join(', ')}. `}
                      {suggestion.opponents.length > 0 &&
                        `Opposed by ${suggestion.opponents.map((s) => s.name).join(', ')}.`}
                    </p>
                  )}
                  <div className="suggestion-card__actions">
                    {chair && (
                      <>
                        <button
                          type="button"
                          onClick={() => act(() => decideSuggestion(draftId, suggestion.id, 'accept'))}
                        >
                          Accept
                        </button>
                        <button
                          type="button"
                          onClick={() => act(() => decideSuggestion(draftId, suggestion.id, 'reject'))}
                        >
                          Reject
                        </button>
                      </>
                    )}
                    {mine && (
                      <button
                        type="button"
                        onClick={() => act(() => decideSuggestion(draftId, suggestion.id, 'withdraw'))}
                      >
                        Withdraw
                      </button>
                    )}
                    {!ours && takesStances && (
                      <>
                        <button
                          type="button"
                          onClick={() => act(() => setSuggestionStance(draftId, suggestion.id, 'support'))}
                        >
                          Support
                        </button>
                        <button
                          type="button"
                          onClick={() => act(() => setSuggestionStance(draftId, suggestion.id, 'oppose'))}
                        >
                          Oppose
                        </button>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
