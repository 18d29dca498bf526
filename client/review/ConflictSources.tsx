import type { Amendment, Conflict } from '../../shared/review/types';
import { RedlineLines } from '../versions/RedlineLines';
import { RedlineWordsText } from '../versions/RedlineWordsText';
import { blockLines } from '../versions/redlineSides';

/**
 * What the chair's wording has to reconcile: each adopted amendment to the clause (a resolution
 * stands in place of the whole clause, so it settles all of them, not only those in conflict) as
 * a redline against the base clause, and what was changed in the live text since the base.
 */
export function ConflictSources({
  conflict,
  amendments,
}: {
  conflict: Pick<Conflict, 'clauseNumber' | 'covers'>;
  amendments: readonly Amendment[];
}) {
  const covered = conflict.covers
    .map((label) => amendments.find((amendment) => amendment.label === label))
    .filter((amendment): amendment is Amendment => amendment !== undefined);
  const live = covered.find((amendment) => amendment.liveChange !== null)?.liveChange ?? null;
  return (
    <div className="conflict-sources" data-testid="conflict-sources">
      <p className="conflict-sources__intro">
        Your wording stands in place of {conflict.clauseNumber} as a whole and settles {conflict.covers.join(', ')}.
        Start it from any of their wordings, or from the clause as it stands in the base version or live.
      </p>
      <ul className="conflict-sources__list">
        {covered.map((amendment) => (
          <li
            key={amendment.id}
            className="conflict-sources__item"
            data-testid="conflict-source"
            data-label={amendment.label}
          >
            <span className="conflict-sources__label">{amendment.label}</span>{' '}
            <span className="conflict-sources__sponsor">{amendment.sponsor.name}</span>
            <div className="conflict-sources__words">
              <RedlineLines lines={blockLines(amendment.revised?.blocks ?? amendment.blocks)} />
            </div>
          </li>
        ))}
        {live !== null && live.change === 'modified' && (
          <li className="conflict-sources__item" data-testid="conflict-source" data-label="live">
            <span className="conflict-sources__label">Live text</span>{' '}
            <span className="conflict-sources__sponsor">changed since the base version</span>
            <p className="conflict-sources__words">
              <RedlineWordsText words={live.words} />
            </p>
          </li>
        )}
      </ul>
    </div>
  );
}
