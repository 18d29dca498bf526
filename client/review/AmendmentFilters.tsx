import { PillarSelect } from '../components/PillarSelect';
import { AMENDMENT_STATUSES, AMENDMENT_STATUS_LABELS, type AmendmentStatus } from '../../shared/review/amendmentStatus';
import type { AffiliationRef } from '../../shared/review/types';
import { affiliationLabel } from '../auth/affiliationLabel';
import type { AmendmentFilter } from './amendmentFilters';

/** Props of {@link AmendmentFilters}. */
export interface AmendmentFiltersProps {
  filter: AmendmentFilter;
  onChange: (filter: AmendmentFilter) => void;
  /** Amendments per status among those passing the other filters. */
  counts: Record<AmendmentStatus | 'all', number>;
  /** The delegations to filter by. */
  sponsors: readonly AffiliationRef[];
  /** The base version's clauses, in order. */
  clauses: readonly { id: string; number: string }[];
}

/**
 * Which amendments the list shows: by status (each with its count; statuses nobody has used yet
 * are left out, the chosen one always shown), by pillar, by sponsoring delegation and by clause.
 */
export function AmendmentFilters({ filter, onChange, counts, sponsors, clauses }: AmendmentFiltersProps) {
  const statuses = AMENDMENT_STATUSES.filter((status) => counts[status] > 0 || filter.status === status);
  return (
    <div className="amendment-filters" role="group" aria-label="Filter amendments">
      <div className="filter-tabs amendment-filters__status" role="radiogroup" aria-label="Status">
        {(['all', ...statuses] as const).map((status) => (
          <button
            key={status}
            type="button"
            role="radio"
            aria-checked={filter.status === status}
            data-testid={`amendment-filter-${status}`}
            data-count={counts[status]}
            className={`filter-tab amendment-filters__tab${filter.status === status ? ' filter-tab--selected' : ''}`}
            onClick={() => onChange({ ...filter, status })}
          >
            {status === 'all' ? 'All' : AMENDMENT_STATUS_LABELS[status]}
            <span className="filter-tab__count">{counts[status]}</span>
          </button>
        ))}
      </div>
      <div className="amendment-filters__selects">
        <select
          className="filter-select"
          aria-label="Clause"
          data-testid="amendment-filter-clause"
          value={filter.clauseId ?? ''}
          onChange={(event) => onChange({ ...filter, clauseId: event.target.value || null })}
        >
          <option value="">All clauses</option>
          {clauses.map((clause) => (
            <option key={clause.id} value={clause.id}>
              {clause.number}
            </option>
          ))}
        </select>
        <select
          className="filter-select"
          aria-label="Sponsor"
          data-testid="amendment-filter-sponsor"
          value={filter.sponsor ?? ''}
          onChange={(event) => onChange({ ...filter, sponsor: event.target.value || null })}
        >
          <option value="">All sponsors</option>
          {sponsors.map((sponsor) => (
            <option key={sponsor.id} value={sponsor.id}>
              {affiliationLabel(sponsor)}
            </option>
          ))}
        </select>
        <PillarSelect
          className="filter-select"
          aria-label="Pillar"
          data-testid="amendment-filter-pillar"
          value={filter.pillar}
          onChange={(pillar) => onChange({ ...filter, pillar })}
          noneLabel="All pillars"
        />
      </div>
    </div>
  );
}
