import { useId } from 'react';
import type { LiveChange, LiveChangeDecision } from '../../shared/review/types';
import { ClauseNotes } from '../versions/RedlineClause';
import { RedlineLines } from '../versions/RedlineLines';
import { RedlineWordsText } from '../versions/RedlineWordsText';
import { blockLines } from '../versions/redlineSides';

/** The chair's keep-or-discard choice for each live change, by its id (absent: not decided yet). */
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
  onChoose: ((id: string, decision: LiveChangeDecision) => void) | null;
  /** The base version's label ("Rev.1"). */
  baseLabel: string;
}

/** The badge's kind: what happened, with a change of status or pillars alone shown as a change. */
function badgeKind(change: LiveChange): string {
  if (change.part !== 'clause') return change.change;
  const { change: what, moved } = change.redline;
  return what === 'unchanged' ? (moved ? 'moved' : 'modified') : what;
}

const KIND_LABELS: Readonly<Record<string, string>> = {
  added: 'Added',
  removed: 'Removed',
  modified: 'Changed',
  moved: 'Moved',
};

/** What happened to the clause, the title, the formula or the heading, in a word. */
function changeLabel(change: LiveChange): string {
  const kind = badgeKind(change);
  if (kind === 'modified' && change.part === 'clause' && change.redline.moved) return 'Changed and moved';
  return KIND_LABELS[kind] ?? 'Moved';
}

/**
 * One live change as it reads: what it changed, in a word, who changed it, and its redline
 * (base → live). The chair's choices, or the record of them, go beneath it.
 */
export function LiveChangeSummary({ change }: { change: LiveChange }) {
  return (
    <>
      <p className="live-change__head">
        <span className="live-change__number">{change.number}</span>
        <span className={`redline-badge redline-badge--${badgeKind(change)}`}>{changeLabel(change)}</span>
        <span className="live-change__authors" data-testid="live-change-authors">
          {change.authors.length > 0
            ? `By ${change.authors.map((author) => `${author.name} (${author.affiliation})`).join(', ')}`
            : change.part === 'clause'
              ? 'No author recorded'
              : null}
        </span>
      </p>
      <div className="live-change__words" data-testid="live-change-redline">
        {change.part === 'clause' ? (
          <>
            <RedlineLines lines={blockLines(change.redline.blocks)} />
            <ClauseNotes clause={change.redline} />
          </>
        ) : (
          <RedlineWordsText words={change.words} />
        )}
      </div>
    </>
  );
}

/**
 * The changes made in the live text since the base version (to clauses, the title, the formula and
 * the headings): what changed (its redline, base → live) and who changed it. The new version is the base version with
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
          const choice = choices[change.id];
          return (
            <li
              key={change.id}
              className={`live-change${choice ? ` live-change--${choice}` : ''}`}
              data-testid="live-change"
              data-clause-id={change.id}
              data-choice={choice ?? 'undecided'}
            >
              <LiveChangeSummary change={change} />
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
                        name={`${id}-${change.id}`}
                        checked={choice === value}
                        onChange={() => onChoose(change.id, value)}
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
