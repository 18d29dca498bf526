import { useMemo, type CSSProperties } from 'react';
import { CLAUSE_STATUS_LABELS, type ClauseStatus } from '../../shared/clauses';
import type { OutlineClause } from '../../shared/outline';
import type { PillarKey, Taxonomy } from '../../shared/pillars';
import { useTaxonomy } from '../pillars/DraftPillars';
import { firstWords } from './firstWords';

/** Props of {@link PillarOverview}. */
export interface PillarOverviewProps {
  clauses: readonly OutlineClause[];
  /** The pillar whose clauses stand out in the text, or null. */
  filter: string | null;
  onFilterChange: (pillar: PillarKey | null) => void;
  onSelect: (clauseId: string) => void;
  /** Open brackets per pillar of their clause (docs/brackets-and-alternatives.md); absent: not shown. */
  openBrackets?: Readonly<Record<string, number>>;
  /** Open brackets each delegation holds, most first; absent or empty: not shown. */
  bracketsByDelegation?: readonly { name: string; count: number }[];
}

type StatusCounts = Record<ClauseStatus, number>;

interface PillarRow {
  key: PillarKey;
  label: string;
  color: string;
  counts: StatusCounts;
  total: number;
}

/** Status words short enough for the narrow panel; the full labels are in tooltips and the menu. */
const SHORT_STATUS_LABELS: Record<ClauseStatus, string> = { agreed: 'Agreed', 'agreed-ad-ref': 'Ad ref', open: 'Open' };

/** Bar segments left to right: what is settled first. */
const SEGMENT_ORDER: readonly ClauseStatus[] = ['agreed', 'agreed-ad-ref', 'open'];

function emptyCounts(): StatusCounts {
  return { open: 0, 'agreed-ad-ref': 0, agreed: 0 };
}

/** Clauses per pillar split by status, and the clauses with no pillar: what the overview shows. */
export function countByPillar(
  clauses: readonly OutlineClause[],
  taxonomy: Taxonomy,
): {
  rows: PillarRow[];
  untagged: OutlineClause[];
  totals: StatusCounts;
} {
  const totals = emptyCounts();
  const untagged: OutlineClause[] = [];
  const rows: PillarRow[] = taxonomy.pillars.map((pillar) => ({
    key: pillar.key,
    label: pillar.label,
    color: pillar.color,
    counts: emptyCounts(),
    total: 0,
  }));
  const byKey = new Map(rows.map((row) => [row.key as string, row]));
  for (const clause of clauses) {
    totals[clause.status]++;
    if (clause.pillars.length === 0) untagged.push(clause);
    for (const key of clause.pillars) {
      const row = byKey.get(key);
      if (!row) continue;
      row.counts[clause.status]++;
      row.total++;
    }
  }
  return { rows, untagged, totals };
}

/**
 * The pillar overview: a bar per pillar with its clauses split by status (agreed, agreed ad
 * ref, open), and the clauses that have no pillar yet. Live: it is derived from the same outline
 * as the text. Clicking a pillar highlights its clauses in the text.
 */
export function PillarOverview({
  clauses,
  filter,
  onFilterChange,
  onSelect,
  openBrackets,
  bracketsByDelegation,
}: PillarOverviewProps) {
  const taxonomy = useTaxonomy();
  const { rows, untagged, totals } = useMemo(() => countByPillar(clauses, taxonomy), [clauses, taxonomy]);
  const scale = Math.max(1, ...rows.map((row) => row.total));

  return (
    <div className="pillar-overview" data-testid="pillar-overview">
      <h3 className="panel-heading">
        Clauses by status{' '}
        <span className="outline__count" data-testid="total-clauses">
          {clauses.length}
        </span>
      </h3>
      <dl className="status-totals" aria-label="Clauses by status">
        {SEGMENT_ORDER.map((status) => (
          <div key={status} className="status-totals__item" title={CLAUSE_STATUS_LABELS[status]}>
            <dt>
              <span className={`status-totals__swatch bar-segment--${status}`} aria-hidden="true" />
              {SHORT_STATUS_LABELS[status]}
            </dt>
            <dd data-testid={`total-${status}`}>{totals[status]}</dd>
          </div>
        ))}
      </dl>

      <h3 className="panel-heading">Clauses per pillar</h3>
      <ul className="pillar-chart" aria-label="Clauses per pillar">
        {rows.map((row) => {
          const selected = filter === row.key;
          const counts = SEGMENT_ORDER.map(
            (status) => `${row.counts[status]} ${CLAUSE_STATUS_LABELS[status].toLowerCase()}`,
          ).join(', ');
          const brackets = openBrackets?.[row.key] ?? 0;
          const bracketWords = brackets === 0 ? '' : `, ${brackets} open ${brackets === 1 ? 'bracket' : 'brackets'}`;
          return (
            <li key={row.key}>
              <button
                type="button"
                className={`pillar-chart__row${selected ? ' pillar-chart__row--selected' : ''}`}
                style={{ '--pillar-color': row.color } as CSSProperties}
                data-testid="pillar-row"
                data-pillar={row.key}
                data-total={row.total}
                data-open={row.counts.open}
                data-agreed-ad-ref={row.counts['agreed-ad-ref']}
                data-agreed={row.counts.agreed}
                aria-pressed={selected}
                onClick={() => onFilterChange(selected ? null : row.key)}
              >
                <span className="pillar-chart__label">
                  <span className="pillar-chart__swatch" aria-hidden="true" />
                  {row.label}
                </span>
                <span className="pillar-chart__total">
                  {row.total}
                  <span className="visually-hidden">
                    {` ${row.total === 1 ? 'clause' : 'clauses'} (${counts})${bracketWords}. `}
                    {selected ? 'Highlighted in the text; press to clear.' : 'Press to highlight in the text.'}
                  </span>
                  {brackets > 0 && (
                    <span
                      className="pillar-chart__brackets"
                      data-testid="pillar-brackets"
                      aria-hidden="true"
                      title={`${brackets} open brackets`}
                    >
                      {' '}
                      [{brackets}]
                    </span>
                  )}
                </span>
                <span className="pillar-chart__bar" aria-hidden="true">
                  {SEGMENT_ORDER.map((status) =>
                    row.counts[status] > 0 ? (
                      <span
                        key={status}
                        className={`bar-segment bar-segment--${status}`}
                        style={{ width: `${(row.counts[status] / scale) * 100}%` }}
                        title={`${row.counts[status]} ${CLAUSE_STATUS_LABELS[status].toLowerCase()}`}
                      />
                    ) : null,
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>

      {bracketsByDelegation && bracketsByDelegation.length > 0 && (
        <>
          <h3 className="panel-heading">Open brackets by delegation</h3>
          <ul className="bracket-holders" aria-label="Open brackets by delegation" data-testid="brackets-by-delegation">
            {bracketsByDelegation.map((entry) => (
              <li key={entry.name}>
                {entry.name} <span className="outline__count">{entry.count}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <section className="untagged" aria-labelledby="untagged-heading">
        <h3 className="panel-heading" id="untagged-heading">
          No pillar{' '}
          <span className="outline__count" data-testid="untagged-count">
            {untagged.length}
          </span>
        </h3>
        {untagged.length === 0 ? (
          <p className="panel-empty">Every clause has at least one pillar.</p>
        ) : (
          <ul className="untagged__list">
            {untagged.map((clause, index) => (
              <li key={clause.id || index}>
                <button
                  type="button"
                  className="untagged__clause"
                  data-testid="untagged-clause"
                  data-clause-id={clause.id}
                  onClick={() => onSelect(clause.id)}
                  disabled={clause.id === ''}
                >
                  <span className="outline-row__number">{clause.number}</span>
                  <span className="untagged__text">{firstWords(clause.text, 70) || <em>Empty clause</em>}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
