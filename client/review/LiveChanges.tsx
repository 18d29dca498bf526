import { useId } from 'react';
import type { LiveChange, LiveChangeDecision } from '../../shared/review/types';
import { RedlineLines } from '../versions/RedlineLines';
import { blockLines } from '../versions/redlineSides';

/** The chair's keep-or-discard choice for each live change, by clause id (absent: not decided yet). */
export type LiveChangeChoices = Readonly<Record<string, LiveChangeDecision>>;

/** The chair's two choices for a live change, as the radio buttons offer them. */
const CHOICES: readonly (readonly [LiveChangeDecision, string])[] = [
  ['keep', 'Keep'],
  ['discard', 'Discard'],
];

/** Props of {@link LiveChanges}. */
export interface LiveChangesProps {
  changes: readonly LiveChange[];
  choices: LiveChangeChoices;
  /** Null for a reader who does not consolidate: the list is shown without the choices. */
  onChoose: ((clauseId: string, decision: LiveChangeDecision) => void) | null;
  /** The base version's label ("Rev.1"). */
  baseLabel: string;
}

/** What happened to the clause, in a word. */
function changeLabel(change: LiveChange): string {
  const { redline } = change;
  if (redline.change === 'added') return 'Added';
  if (redline.change === 'removed') return 'Removed';
  if (redline.change === 'modified') return redline.moved ? 'Changed and moved' : 'Changed';
  return 'Moved';
}

/**
 * The changes made in the live text since the base version, clause by clause: what changed (the
 * clause's redline, base → live) and who changed it. The new version is the base version with
 * the decisions of the review; a live change is carried into it only if the chair keeps it, so
 * the chair keeps or discards each one here.
 */
export function LiveChanges({ changes, choices, onChoose, baseLabel }: LiveChangesProps) {
  const id = useId();
  return (
    <section className="review-block" aria-label="Changes made in the live text" data-testid="live-changes">
      <h3 className="review-block__title">
        Changes made in the live text since {baseLabel} <span className="outline__count">{changes.length}</span>
      </h3>
      <p className="muted live-changes__lede">
        The new version is {baseLabel} with the decisions of this review. Each change made in the live text since then
        is carried into it only if you keep it; a discarded change is gone from the live text after consolidation.
      </p>
      <ul className="live-change-list">
        {changes.map((change) => {
          const choice = choices[change.clauseId];
          return (
            <li
              key={change.clauseId}
              className={`live-change${choice ? ` live-change--${choice}` : ''}`}
              data-testid="live-change"
              data-clause-id={change.clauseId}
              data-choice={choice ?? 'undecided'}
            >
              <p className="live-change__head">
                <span className="live-change__number">{change.number}</span>
                <span className={`redline-badge redline-badge--${change.redline.change}`}>{changeLabel(change)}</span>
                <span className="live-change__authors" data-testid="live-change-authors">
                  {change.authors.length === 0
                    ? 'No author recorded'
                    : `By ${change.authors.map((author) => `${author.name} (${author.affiliation})`).join(', ')}`}
                </span>
              </p>
              <div className="live-change__words" data-testid="live-change-redline">
                <RedlineLines lines={blockLines(change.redline.blocks)} />
              </div>
              {onChoose !== null && (
                <div
                  className="live-change__choices"
                  role="radiogroup"
                  aria-label={`Keep or discard the live change to ${change.number}`}
                >
                  {CHOICES.map(([value, label]) => (
                    <label key={value} className="live-change__choice">
                      <input
                        type="radio"
                        name={`${id}-${change.clauseId}`}
                        checked={choice === value}
                        onChange={() => onChoose(change.clauseId, value)}
                        data-testid={`live-change-${value}`}
                      />
                      {label}
                    </label>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
