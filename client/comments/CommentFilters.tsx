import { PillarSelect } from '../components/PillarSelect';
import type { ThreadFilter } from './commentThreads';

/** Props of {@link CommentFilters}. */
export interface CommentFiltersProps {
  filter: ThreadFilter;
  onChange: (filter: ThreadFilter) => void;
  /** Threads per status, for the counts on the status tabs. */
  counts: { open: number; resolved: number; all: number };
}

const STATUSES = [
  { key: 'open', label: 'Open' },
  { key: 'resolved', label: 'Resolved' },
  { key: 'all', label: 'All' },
] as const;

/** Which threads the margin shows: open or resolved, whose voice started them, the pillar of their clause. */
export function CommentFilters({ filter, onChange, counts }: CommentFiltersProps) {
  return (
    <div className="comment-filters" role="group" aria-label="Filter comments">
      <div className="filter-tabs comment-filters__status" role="radiogroup" aria-label="Status">
        {STATUSES.map((status) => (
          <button
            key={status.key}
            type="button"
            role="radio"
            aria-checked={filter.status === status.key}
            data-testid={`comment-filter-${status.key}`}
            className={`filter-tab${filter.status === status.key ? ' filter-tab--selected' : ''}`}
            onClick={() => onChange({ ...filter, status: status.key })}
          >
            {status.label}
            <span className="filter-tab__count">{counts[status.key]}</span>
          </button>
        ))}
      </div>
      <div className="comment-filters__selects">
        <select
          className="filter-select"
          aria-label="Whose comments"
          data-testid="comment-filter-voice"
          value={filter.voice}
          onChange={(event) => {
            const voice = event.target.value;
            if (voice === 'all' || voice === 'delegations' || voice === 'civil-society' || voice === 'chair')
              onChange({ ...filter, voice });
          }}
        >
          <option value="all">Everyone</option>
          <option value="delegations">Delegations</option>
          <option value="civil-society">Civil society</option>
          <option value="chair">Chair</option>
        </select>
        <PillarSelect
          className="filter-select"
          aria-label="Pillar of the clause"
          data-testid="comment-filter-pillar"
          value={filter.pillar}
          onChange={(pillar) => onChange({ ...filter, pillar })}
          noneLabel="All pillars"
        />
      </div>
    </div>
  );
}
