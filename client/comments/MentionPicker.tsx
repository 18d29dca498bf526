import { useId } from 'react';
import type { Affiliation } from '../../shared/roles';
import { affiliationLabel } from '../auth/affiliationLabel';

/** Props of {@link MentionPicker}. */
export interface MentionPickerProps {
  affiliations: readonly Affiliation[];
  /** Ids of the delegations and organisations mentioned so far. */
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  disabled?: boolean;
}

/** Most mentions one comment may carry (the server's limit). */
export const MAX_MENTIONS = 20;

/**
 * Mentions a delegation or organisation in a comment: a list to pick from (delegations, then
 * organisations) and the picks as removable chips.
 */
export function MentionPicker({ affiliations, selected, onChange, disabled = false }: MentionPickerProps) {
  const id = useId();
  if (affiliations.length === 0) return null;
  const chosen = selected.flatMap((key) => affiliations.filter((affiliation) => affiliation.id === key));
  const available = affiliations.filter((affiliation) => !selected.includes(affiliation.id));
  const groups = [
    { label: 'Delegations', items: available.filter((affiliation) => affiliation.kind === 'delegation') },
    { label: 'Organisations', items: available.filter((affiliation) => affiliation.kind === 'organisation') },
  ].filter((group) => group.items.length > 0);
  return (
    <div className="mention-picker">
      {chosen.length > 0 && (
        <ul className="mention-chips" aria-label="Mentioned">
          {chosen.map((affiliation) => (
            <li
              key={affiliation.id}
              className={`mention-chip mention-chip--${affiliation.kind}`}
              data-testid="mention-chip"
            >
              @{affiliationLabel(affiliation)}
              <button
                type="button"
                className="mention-chip__remove"
                aria-label={`Remove the mention of ${affiliation.name}`}
                disabled={disabled}
                onClick={() => onChange(selected.filter((key) => key !== affiliation.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {groups.length > 0 && selected.length < MAX_MENTIONS && (
        <>
          <label className="visually-hidden" htmlFor={id}>
            Mention a delegation or organisation
          </label>
          <select
            id={id}
            className="mention-picker__select"
            data-testid="mention-picker"
            value=""
            disabled={disabled}
            onChange={(event) => {
              if (event.target.value) onChange([...selected, event.target.value]);
            }}
          >
            <option value="">@ Mention…</option>
            {groups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.items.map((affiliation) => (
                  <option key={affiliation.id} value={affiliation.id}>
                    {affiliationLabel(affiliation)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
