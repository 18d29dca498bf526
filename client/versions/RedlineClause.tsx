import { CLAUSE_STATUS_LABELS } from '../../shared/clauses';
import type { PillarKey } from '../../shared/pillars';
import { useTaxonomy } from '../pillars/DraftPillars';
import type { ClauseRedline } from '../api/compareApi';
import { RedlineLines } from './RedlineLines';
import { pointMoves, redlineInline, redlineSides, type RedlineSide } from './redlineSides';

/** How a redline is laid out: one text with the changes marked in it, or the two texts side by side. */
export type RedlineLayout = 'inline' | 'side-by-side';

/** Props of {@link RedlineClause}. */
export interface RedlineClauseProps {
  clause: ClauseRedline;
  layout: RedlineLayout;
}

const CHANGE_LABELS: Record<ClauseRedline['change'], string | null> = {
  added: 'Added',
  removed: 'Removed',
  modified: 'Changed',
  unchanged: null,
};

function PillarChange({ pillars, sign }: { pillars: readonly PillarKey[]; sign: '+' | '−' }) {
  const taxonomy = useTaxonomy();
  return pillars.map((key) => {
    const pillar = taxonomy.pillar(key);
    return (
      <span
        key={key}
        className={`redline-pillar redline-pillar--${sign === '+' ? 'added' : 'removed'}`}
        data-testid="redline-pillar-change"
        data-pillar={key}
      >
        <span
          className="redline-pillar__dot"
          style={pillar ? { backgroundColor: pillar.color } : undefined}
          aria-hidden="true"
        />
        <span className="visually-hidden">{sign === '+' ? 'added: ' : 'removed: '}</span>
        {pillar?.label ?? key}
      </span>
    );
  });
}

/** The pillar and status changes of a clause, and the points that moved, in words. */
export function ClauseNotes({ clause }: { clause: ClauseRedline }) {
  // A removed clause's pillars went with it: listing them as removed would only repeat that.
  const { added, removed } = clause.change === 'removed' ? { added: [], removed: [] } : clause.pillars;
  const moves = pointMoves(clause);
  if (added.length === 0 && removed.length === 0 && clause.status === null && moves.length === 0) return null;
  return (
    <ul className="redline-notes">
      {(added.length > 0 || removed.length > 0) && (
        <li className="redline-notes__item">
          <span className="redline-notes__label">Pillars</span>
          <PillarChange pillars={added} sign="+" />
          <PillarChange pillars={removed} sign="−" />
        </li>
      )}
      {clause.status !== null && (
        <li className="redline-notes__item" data-testid="redline-status-change">
          <span className="redline-notes__label">Status</span>
          {CLAUSE_STATUS_LABELS[clause.status.from]} → <strong>{CLAUSE_STATUS_LABELS[clause.status.to]}</strong>
        </li>
      )}
      {moves.map((move) => (
        <li key={move} className="redline-notes__item" data-testid="redline-point-moved">
          <span className="redline-notes__label">Moved</span>
          {move}
        </li>
      ))}
    </ul>
  );
}

function Side({ side, which }: { side: RedlineSide | null; which: 'from' | 'to' }) {
  if (side === null) {
    return (
      <div className={`redline-side redline-side--${which} redline-side--absent`}>
        <span className="redline-side__absent">{which === 'from' ? 'Not in this text' : 'No longer in this text'}</span>
      </div>
    );
  }
  return (
    <div className={`redline-side redline-side--${which}`}>
      <span className="redline-side__number">{side.number}</span>
      <RedlineLines lines={side.lines} />
    </div>
  );
}

/**
 * One clause of a redline: its number (today's, or the old one struck through when it was
 * removed), what happened to it (added, removed, changed, moved from another place), its words
 * with insertions and deletions marked, its points indented by level with their labels (a point
 * relabelled shows both), and its pillar, status and point-move changes. A clause renumbered
 * only by changes elsewhere is not marked as changed.
 */
export function RedlineClause({ clause, layout }: RedlineClauseProps) {
  const changeLabel = CHANGE_LABELS[clause.change];
  const renumbered = clause.fromNumber !== null && clause.toNumber !== null && clause.fromNumber !== clause.toNumber;
  const number = clause.toNumber ?? clause.fromNumber ?? '';
  return (
    <article
      className={`redline-clause redline-clause--${clause.change}${clause.moved ? ' redline-clause--moved' : ''}`}
      data-testid="redline-clause"
      data-clause-id={clause.id}
      data-change={clause.change}
      data-moved={clause.moved}
    >
      {layout === 'inline' && (
        <span
          className="redline-clause__number"
          title={renumbered && !clause.moved ? `Numbered ${clause.fromNumber} before` : undefined}
        >
          {clause.change === 'removed' ? <del>{number}</del> : number}
        </span>
      )}
      <div className="redline-clause__body">
        {(changeLabel !== null || clause.moved) && (
          <p className="redline-clause__badges">
            {changeLabel !== null && (
              <span className={`redline-badge redline-badge--${clause.change}`}>{changeLabel}</span>
            )}
            {clause.moved && (
              <span className="redline-badge redline-badge--moved" data-testid="redline-moved">
                Moved from {clause.fromNumber}
              </span>
            )}
          </p>
        )}
        {layout === 'inline' ? (
          <RedlineLines lines={redlineInline(clause)} />
        ) : (
          <div className="redline-sides">
            <Side side={redlineSides(clause).from} which="from" />
            <Side side={redlineSides(clause).to} which="to" />
          </div>
        )}
        <ClauseNotes clause={clause} />
      </div>
    </article>
  );
}
