import { clauseText } from '../../shared/outline';
import type { Resolution } from '../../shared/review/types';
import { formatAbsolute } from '../components/formatTimestamp';

/** A resolution as recorded: the clause's final wording (or its deletion), the note, who and when. */
export function ResolutionSummary({ resolution }: { resolution: Resolution }) {
  return (
    <div className="resolution-summary" data-testid="resolution-summary">
      {resolution.clauses.length === 0 ? (
        <p className="resolution-summary__text">
          <em>The clause is deleted.</em>
        </p>
      ) : (
        resolution.clauses.map((clause, index) => (
          <p key={index} className="resolution-summary__text redline-text">
            {clauseText(clause)}
          </p>
        ))
      )}
      <p className="muted resolution-summary__meta">
        {resolution.by.name}, <time dateTime={resolution.at}>{formatAbsolute(resolution.at)}</time>
        {resolution.note !== '' && <> · {resolution.note}</>}
      </p>
    </div>
  );
}
