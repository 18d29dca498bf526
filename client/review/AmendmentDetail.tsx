import type { CSSProperties } from 'react';
import type { DocumentNodeJSON } from '../../shared/documentJSON';
import { useTaxonomy } from '../pillars/DraftPillars';
import type { Amendment, ReviewCycle } from '../../shared/review/types';
import type { CommentStore } from '../comments/CommentStore';
import { formatAbsolute } from '../components/formatTimestamp';
import { RedlineLines } from '../versions/RedlineLines';
import { blockLines } from '../versions/redlineSides';
import { AmendmentComments } from './AmendmentComments';
import { AmendmentStatusBadge, NewMarker } from './AmendmentStatusBadge';
import { mayEditAmendment, type ReviewViewer } from './amendmentActions';
import { CoSponsors } from './CoSponsors';
import { describeAmendment } from './describeAmendment';
import { LiveChangeNotice } from './LiveChangeNotice';
import {
  amendmentAknUrl,
  answerCoSponsor,
  askToCoSponsor,
  changeStatus,
  leaveCoSponsors,
  previewAdoption,
  putStatement,
  retractStatement,
} from './reviewApi';
import type { ReviewStore } from './ReviewStore';
import { Statements } from './Statements';
import { StatusActions } from './StatusActions';
import { submissionClosed } from '../../shared/review/reviewPhases';
import { useNow } from '../comments/useNow';
import { TransitionHistory } from './TransitionHistory';

/** Props of {@link AmendmentDetail}. */
export interface AmendmentDetailProps {
  amendment: Amendment;
  cycle: ReviewCycle;
  viewer: ReviewViewer;
  isNew: boolean;
  store: ReviewStore;
  comments: CommentStore;
  /** Every amendment of the cycle and the base version's text: where a resolution can start from. */
  amendments: readonly Amendment[];
  baseDocument: DocumentNodeJSON | null;
  /** Opens the form to rewrite the reader's own draft amendment. */
  onEdit: () => void;
}

/**
 * One amendment in full: what it changes as a redline against the base clause (and as orally
 * revised, once adopted so), whether its clause has changed in the live text since, its
 * justification and pillars, the status changes the reader may make, its sponsors and
 * co-sponsors, the delegations' statements, the record of its status changes, and comments.
 * Every action's answer from the server is shown at once.
 */
export function AmendmentDetail({
  amendment,
  cycle,
  viewer,
  isNew,
  store,
  comments,
  amendments,
  baseDocument,
  onEdit,
}: AmendmentDetailProps) {
  const draftId = cycle.draftId;
  const taxonomy = useTaxonomy();
  const now = useNow(60_000);
  const cycleId = cycle.id;
  const keep = (answer: Promise<Amendment>) => answer.then((changed) => store.keep(changed));

  return (
    <article
      className="amendment-detail"
      aria-label={`Amendment ${amendment.label}`}
      data-testid="amendment-detail"
      data-amendment-id={amendment.id}
      data-status={amendment.status}
    >
      <header className="amendment-detail__header">
        <div className="amendment-detail__heading">
          <h2 className="amendment-detail__label" data-testid="amendment-detail-label">
            {amendment.label}
          </h2>
          <AmendmentStatusBadge status={amendment.status} />
          {isNew && <NewMarker />}
        </div>
        <p className="amendment-detail__what">
          {describeAmendment(amendment)} of {cycle.baseVersion.label}
          {amendment.submittedAt !== null && (
            <span className="muted">
              {' '}
              · submitted <time dateTime={amendment.submittedAt}>{formatAbsolute(amendment.submittedAt)}</time>
            </span>
          )}
        </p>
        <div className="amendment-detail__tools">
          {mayEditAmendment(amendment, cycle.phase, viewer) && (
            <button
              type="button"
              className="button button--secondary review-button--small"
              onClick={onEdit}
              data-testid="amendment-edit"
            >
              Edit draft
            </button>
          )}
          {amendment.number !== null && (
            <a
              className="button button--quiet review-button--small"
              href={amendmentAknUrl(draftId, cycleId, amendment.id)}
              download
              data-testid="amendment-akn"
            >
              Akoma Ntoso XML
            </a>
          )}
        </div>
      </header>

      {amendment.liveChange !== null && <LiveChangeNotice amendment={amendment} baseLabel={cycle.baseVersion.label} />}
      {amendment.status === 'fallen' && (
        <p className="needs-review" role="note" data-testid="fallen-notice">
          <span className="needs-review-tag">Fallen</span> {amendment.transitions.at(-1)?.note}
        </p>
      )}

      <section className="review-block" aria-label="Proposed change">
        <h3 className="review-block__title">{amendment.revised !== null ? 'As proposed' : 'Proposed change'}</h3>
        <div className="amendment-redline" data-testid="amendment-redline">
          <span className="amendment-redline__number">{amendment.clauseNumber}</span>
          <RedlineLines lines={blockLines(amendment.blocks)} />
        </div>
        {amendment.revised !== null && (
          <>
            <h3 className="review-block__title review-block__title--spaced">As orally revised and adopted</h3>
            <div className="amendment-redline amendment-redline--revised" data-testid="amendment-revised-redline">
              <span className="amendment-redline__number">{amendment.clauseNumber}</span>
              <RedlineLines lines={blockLines(amendment.revised.blocks)} />
            </div>
          </>
        )}
      </section>

      <section className="review-block" aria-label="Justification">
        <h3 className="review-block__title">Justification</h3>
        <p className="amendment-detail__justification" data-testid="amendment-justification-text">
          {amendment.justification || <span className="muted">None given.</span>}
        </p>
        {amendment.pillars.length > 0 && (
          <ul className="amendment-detail__pillars" aria-label="Pillars">
            {amendment.pillars.map((key) => (
              <li
                key={key}
                className="label-chip"
                style={{ '--pillar-color': taxonomy.pillar(key)?.color } as CSSProperties}
                data-pillar={key}
              >
                {taxonomy.label(key)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <StatusActions
        amendment={amendment}
        phase={cycle.phase}
        viewer={viewer}
        submissionsClosed={submissionClosed(cycle.schedule, new Date(now))}
        onChange={(request) => keep(changeStatus(draftId, cycleId, amendment.id, request))}
        onPreviewAdoption={(revised) => previewAdoption(draftId, cycleId, amendment.id, revised)}
        resolving={{ amendments, baseDocument, baseLabel: cycle.baseVersion.label }}
      />

      <CoSponsors
        amendment={amendment}
        phase={cycle.phase}
        viewer={viewer}
        onAsk={() => keep(askToCoSponsor(draftId, cycleId, amendment.id))}
        onAnswer={(affiliationId, accept) =>
          keep(answerCoSponsor(draftId, cycleId, amendment.id, affiliationId, accept))
        }
        onLeave={(affiliationId) => keep(leaveCoSponsors(draftId, cycleId, amendment.id, affiliationId))}
      />

      {amendment.status !== 'draft' && (
        <Statements
          key={amendment.id}
          amendment={amendment}
          phase={cycle.phase}
          viewer={viewer}
          onState={(stance, note) => keep(putStatement(draftId, cycleId, amendment.id, stance, note))}
          onRetract={() => keep(retractStatement(draftId, cycleId, amendment.id))}
        />
      )}

      <TransitionHistory transitions={amendment.transitions} />

      {amendment.status !== 'draft' && <AmendmentComments store={comments} amendment={amendment} phase={cycle.phase} />}
    </article>
  );
}
