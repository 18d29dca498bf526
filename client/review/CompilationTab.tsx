import { Link } from 'react-router';
import type { Compilation, ReviewCycle } from '../../shared/review/types';
import { useApiQuery } from '../api/useApiQuery';
import { PillarTags } from '../components/PillarTags';
import { LoadFailed } from '../components/StateMessage';
import { RedlineLines } from '../versions/RedlineLines';
import { blockLines } from '../versions/redlineSides';
import { AmendmentStatusBadge, NewMarker } from './AmendmentStatusBadge';
import { describeAmendment, sponsorNames } from './describeAmendment';
import { LiveChangeNotice } from './LiveChangeNotice';
import { isNewSince } from './newSince';
import { COMPILATION_EXPORT_FORMATS, REVIEW_EXPORT_LABELS, compilationExportUrl, getCompilation } from './reviewApi';
import { ReviewExportLinks } from './ReviewExportLinks';
import { cyclePath } from './reviewPaths';
import { useReloadOnChange } from './useReloadOnChange';

/** Props of {@link CompilationTab}. */
export interface CompilationTabProps {
  cycle: ReviewCycle;
  lastVisitAt: string | null;
  /** Changes whenever any amendment does: the compilation is read again then. */
  revision: string;
}

/**
 * The compilation of amendments: the base text clause by clause, each with every amendment
 * tabled against it beneath, attributed to its sponsors, redlined against the clause, with its
 * status and a flag when the clause has since changed in the live text. What a secretariat
 * circulates before the deliberation; downloadable as Word or PDF.
 */
export function CompilationTab({ cycle, lastVisitAt, revision }: CompilationTabProps) {
  const compilation = useApiQuery(
    `compilation:${cycle.draftId}:${cycle.id}`,
    (signal) => getCompilation(cycle.draftId, cycle.id, signal),
    'The compilation could not be made. Try again.',
  );
  const { reload } = compilation;
  useReloadOnChange(revision, reload);

  return (
    <div className="compilation-tab" data-testid="compilation-tab">
      <div className="review-toolbar">
        <p className="review-toolbar__note">
          The base text of {cycle.baseVersion.label} with every tabled amendment beneath the clause it concerns.
        </p>
        <ReviewExportLinks
          label="Compilation"
          links={COMPILATION_EXPORT_FORMATS.map((format) => ({
            format,
            label: REVIEW_EXPORT_LABELS[format],
            href: compilationExportUrl(cycle.draftId, cycle.id, format),
          }))}
        />
      </div>
      {compilation.state.kind === 'loading' && <p className="muted">Compiling the amendments…</p>}
      {compilation.state.kind === 'error' && (
        <LoadFailed title="The compilation could not be made" message={compilation.state.message} onRetry={reload} />
      )}
      {compilation.state.kind === 'ready' && (
        <CompiledText compilation={compilation.state.data} cycle={cycle} lastVisitAt={lastVisitAt} />
      )}
    </div>
  );
}

function CompiledText({
  compilation,
  cycle,
  lastVisitAt,
}: {
  compilation: Compilation;
  cycle: ReviewCycle;
  lastVisitAt: string | null;
}) {
  const tabled = compilation.clauses.reduce((sum, clause) => sum + clause.amendments.length, 0);
  return (
    <article className="compilation" aria-label="Compilation of amendments">
      <h2 className="compilation__title">
        Compilation of amendments to {cycle.baseVersion.label}
        <span className="compilation__subtitle">
          {cycle.name} · {tabled} {tabled === 1 ? 'amendment' : 'amendments'} tabled
        </span>
      </h2>
      {compilation.clauses.map((clause) => (
        <section
          key={clause.id}
          className={`compilation-clause${clause.amendments.length > 0 ? ' compilation-clause--amended' : ''}`}
          data-testid="compilation-clause"
          data-clause-id={clause.id}
        >
          <div className="compilation-clause__base">
            <span className="compilation-clause__number">{clause.number}</span>
            <div className="compilation-clause__text">
              <p className="redline-text">{clause.text}</p>
              <PillarTags pillars={clause.pillars} />
            </div>
          </div>
          {clause.amendments.map((amendment) => (
            <div
              key={amendment.id}
              className="compilation-amendment"
              data-testid="compilation-amendment"
              data-label={amendment.label}
              data-status={amendment.status}
            >
              <p className="compilation-amendment__head">
                <Link
                  to={cyclePath(cycle.draftId, cycle.id, { amendment: amendment.id })}
                  className="compilation-amendment__label"
                >
                  {amendment.label}
                </Link>
                <span className="compilation-amendment__what">{describeAmendment(amendment)}</span>
                <AmendmentStatusBadge status={amendment.status} />
                {isNewSince(amendment, lastVisitAt) && <NewMarker />}
              </p>
              <p className="compilation-amendment__sponsors" data-testid="compilation-sponsors">
                {sponsorNames(amendment)}
              </p>
              <div className="compilation-amendment__words">
                <RedlineLines lines={blockLines(amendment.revised?.blocks ?? amendment.blocks)} />
              </div>
              {amendment.revised !== null && <p className="compilation-amendment__revised">As orally revised.</p>}
              {amendment.liveChange !== null && (
                <LiveChangeNotice amendment={amendment} baseLabel={cycle.baseVersion.label} compact />
              )}
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}
