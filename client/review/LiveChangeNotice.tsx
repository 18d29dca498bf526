import type { Amendment } from '../../shared/review/types';
import { RedlineWordsText } from '../versions/RedlineWordsText';

/** Props of {@link LiveChangeNotice}. */
export interface LiveChangeNoticeProps {
  amendment: Pick<Amendment, 'clauseNumber' | 'liveChange'>;
  /** The base version's label ("Rev.2"). */
  baseLabel: string;
  compact?: boolean;
}

/**
 * "Needs review": the amendment's clause has changed (or gone) in the live text since the base
 * version, so the amendment may no longer fit it. Shows what changed, word by word.
 */
export function LiveChangeNotice({ amendment, baseLabel, compact = false }: LiveChangeNoticeProps) {
  const change = amendment.liveChange;
  if (change === null) return null;
  const where =
    change.liveNumber !== null && change.liveNumber !== amendment.clauseNumber ? ` (now ${change.liveNumber})` : '';
  return (
    <div
      className={`needs-review${compact ? ' needs-review--compact' : ''}`}
      role="note"
      data-testid="needs-review"
      data-change={change.change}
    >
      <p className="needs-review__title">
        <span className="needs-review-tag">Needs review</span>
        {change.change === 'removed'
          ? `${amendment.clauseNumber} has been removed from the live text since ${baseLabel}.`
          : `${amendment.clauseNumber}${where} has changed in the live text since ${baseLabel}:`}
      </p>
      {change.change === 'modified' && (
        <div className="needs-review__words" data-testid="needs-review-words">
          <RedlineWordsText words={change.words} />
        </div>
      )}
    </div>
  );
}
