import { useRef, useState } from 'react';
import type { Outline } from '../../shared/outline';
import type { PillarKey } from '../../shared/pillars';
import type { Role } from '../../shared/roles';
import { can } from '../../shared/roles';
import type { CollabSession } from '../collab/CollabSession';
import { HistoryPanel } from './HistoryPanel';
import { OutlinePanel } from './OutlinePanel';
import { PeoplePanel } from './PeoplePanel';
import { PillarFilter } from './PillarFilter';
import { NumberingControls } from '../numbering/NumberingControls';
import { PillarOverview } from './PillarOverview';
import { EditPillars } from '../pillars/EditPillars';
import { ReviewPanel } from '../review/ReviewPanel';
import type { FollowedReview } from '../review/useFollowedReview';
import { VersionsPanel } from '../versions/VersionsPanel';

/** Props of {@link DraftSidebar}. */
export interface DraftSidebarProps {
  outline: Outline;
  currentClauseId: string | null;
  filter: PillarKey | null;
  onFilterChange: (pillar: PillarKey | null) => void;
  /** Puts the caret in a clause and scrolls the text to it. */
  onSelectClause: (clauseId: string) => void;
  /** The draft's live session, for the history panel to follow the text. */
  session: CollabSession;
  /** The reader's role on the draft (null while unknown): the chair manages people. */
  role: Role | null;
  /** The periodic review the page follows, live, for the Review tab. */
  review: FollowedReview;
  /** Open brackets per pillar, for the pillar overview. */
  openBrackets?: Readonly<Record<string, number>>;
  /** Open brackets each delegation holds, for the pillar overview. */
  bracketsByDelegation?: readonly { name: string; count: number }[];
}

type Tab = 'outline' | 'pillars' | 'history' | 'people' | 'versions' | 'review';

const TABS: readonly { key: Tab; label: string }[] = [
  { key: 'outline', label: 'Outline' },
  { key: 'pillars', label: 'Pillars' },
  { key: 'history', label: 'History' },
  { key: 'people', label: 'People' },
  { key: 'versions', label: 'Versions' },
  { key: 'review', label: 'Review' },
];

/**
 * The panel left of the text: the pillar highlight, then one of the outline of every clause, the
 * pillar overview, the history of who changed which clause, the draft's people (members and,
 * for the chair, invitations), its named versions, and the periodic review's amendments by
 * clause. All but the versions follow the draft live. In a window too narrow for it beside the
 * text (a tablet), it folds behind a "Panels" button and opens over the text's left edge;
 * Escape folds it again.
 */
export function DraftSidebar({
  outline,
  currentClauseId,
  filter,
  onFilterChange,
  onSelectClause,
  session,
  role,
  review,
  openBrackets,
  bracketsByDelegation,
}: DraftSidebarProps) {
  const [tab, setTab] = useState<Tab>('outline');
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = `draft-sidebar-${tab}`;
  return (
    <aside
      className={`draft-sidebar${open ? ' draft-sidebar--open' : ''}`}
      aria-label="Outline, pillars, history, people, versions and review"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        setOpen(false);
        toggle.current?.focus();
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="draft-sidebar__toggle button button--secondary"
        aria-expanded={open}
        aria-controls="draft-sidebar-body"
        data-testid="sidebar-toggle"
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide panels' : 'Panels'}
      </button>
      <div className="draft-sidebar__body" id="draft-sidebar-body">
        <PillarFilter filter={filter} onChange={onFilterChange} />
        <div className="sidebar-tabs" role="tablist" aria-label="Side panel">
          {TABS.map((entry) => (
            <button
              key={entry.key}
              type="button"
              role="tab"
              id={`draft-sidebar-tab-${entry.key}`}
              aria-selected={tab === entry.key}
              aria-controls={`draft-sidebar-${entry.key}`}
              data-testid={`sidebar-tab-${entry.key}`}
              className={`sidebar-tabs__tab${tab === entry.key ? ' sidebar-tabs__tab--selected' : ''}`}
              onClick={() => setTab(entry.key)}
              onKeyDown={(event) => {
                if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
                const step = event.key === 'ArrowRight' ? 1 : TABS.length - 1;
                const next = TABS[(TABS.findIndex((t) => t.key === tab) + step) % TABS.length]!.key;
                setTab(next);
                document.getElementById(`draft-sidebar-tab-${next}`)?.focus();
              }}
              tabIndex={tab === entry.key ? 0 : -1}
            >
              {entry.label}
            </button>
          ))}
        </div>
        <div className="draft-sidebar__panel" role="tabpanel" id={panelId} aria-labelledby={`draft-sidebar-tab-${tab}`}>
          {tab === 'outline' && (
            <>
              <NumberingControls draftId={session.draftId} role={role} numbering={outline.numbering} />
              <OutlinePanel
                clauses={outline.clauses}
                divisions={outline.divisions}
                annexes={outline.annexes}
                currentClauseId={currentClauseId}
                filter={filter}
                onSelect={onSelectClause}
              />
            </>
          )}
          {tab === 'pillars' && can(role ?? undefined, 'draft:edit-pillars') && (
            <EditPillars draftId={session.draftId} clauses={outline.clauses} />
          )}
          {tab === 'pillars' && (
            <PillarOverview
              clauses={outline.clauses}
              filter={filter}
              onFilterChange={onFilterChange}
              onSelect={onSelectClause}
              {...(openBrackets ? { openBrackets } : {})}
              {...(bracketsByDelegation ? { bracketsByDelegation } : {})}
            />
          )}
          {tab === 'history' && <HistoryPanel session={session} onSelectClause={onSelectClause} />}
          {tab === 'people' && <PeoplePanel session={session} role={role} />}
          {tab === 'versions' && <VersionsPanel draftId={session.draftId} role={role} />}
          {tab === 'review' && (
            <ReviewPanel
              draftId={session.draftId}
              followed={review}
              clauses={outline.clauses}
              currentClauseId={currentClauseId}
              role={role}
            />
          )}
        </div>
      </div>
    </aside>
  );
}
