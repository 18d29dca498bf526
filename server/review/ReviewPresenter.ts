import { wordChanges } from '../../shared/redline';
import type { AffiliationRef, Amendment, PersonRef, ReviewCycle } from '../../shared/review/types';
import { amendmentLabel } from '../../shared/review/types';
import type { AmendmentRecord, ReviewCycleRecord, Storage } from '../storage/Storage';
import { amendmentWording } from './amendmentRedline';
import type { ReviewActor } from './ReviewActor';
import { visibleTo } from './ReviewActor';
import type { ReviewContext } from './ReviewRecords';

/** What a cycle's summary refers to: its base version, consolidated version and people. */
export type CycleRefs = Pick<ReviewCycle, 'baseVersion' | 'openedBy' | 'consolidated'>;

/**
 * Turns stored review records into what the API and the live channel show: people and
 * delegations by name, amendments with their redlines and whether their clause has changed in
 * the live text since the base version, cycles with their counts as one reader sees them.
 */
export class ReviewPresenter {
  constructor(private readonly storage: Storage) {}

  async presentCycle(
    record: ReviewCycleRecord,
    amendments: AmendmentRecord[],
    reader: ReviewActor,
  ): Promise<ReviewCycle> {
    return cycleSummary(record, await this.cycleRefs(record), amendments, reader);
  }

  async cycleRefs(record: ReviewCycleRecord): Promise<CycleRefs> {
    const people = new Map<string, PersonRef>();
    const base = await this.storage.getVersion(record.baseVersionId);
    const consolidatedVersion = record.consolidatedVersionId
      ? await this.storage.getVersion(record.consolidatedVersionId)
      : undefined;
    return {
      baseVersion: { id: record.baseVersionId, label: base?.label ?? '' },
      openedBy: await this.person(record.openedBy, people),
      consolidated:
        consolidatedVersion && record.consolidatedAt && record.consolidatedBy
          ? {
              versionId: consolidatedVersion.id,
              label: consolidatedVersion.label,
              at: record.consolidatedAt,
              by: await this.person(record.consolidatedBy, people),
            }
          : null,
    };
  }

  async presentAll(context: ReviewContext, records: AmendmentRecord[]): Promise<Amendment[]> {
    const people = new Map<string, PersonRef>();
    const affiliations = new Map<string, AffiliationRef>();
    const coSponsors = await this.storage.listCoSponsors(context.cycle.id);
    const statements = await this.storage.listStatements(context.cycle.id);
    const liveById = new Map(context.live.clauses.map((clause) => [clause.id, clause]));
    const baseById = new Map(context.base.outline.clauses.map((clause) => [clause.id, clause]));
    return Promise.all(
      records.map(async (record): Promise<Amendment> => {
        const baseClause = baseById.get(record.clauseId);
        const baseText = baseClause?.text ?? '';
        const baseNumber = baseClause?.number ?? '';
        const wording = amendmentWording(
          record.kind,
          context.base.clauses.get(record.clauseId),
          baseNumber,
          record.proposed,
          record.revised,
        );
        const live = liveById.get(record.clauseId);
        // Once consolidated, the live text differs from the base because of the review itself.
        const liveChange: Amendment['liveChange'] = context.cycle.consolidatedAt
          ? null
          : !live
            ? { change: 'removed', words: [{ op: 'delete', text: baseText }], liveNumber: null }
            : live.text !== baseText
              ? { change: 'modified', words: wordChanges(baseText, live.text), liveNumber: live.number }
              : null;
        return {
          id: record.id,
          cycleId: record.cycleId,
          draftId: record.draftId,
          number: record.number,
          label: amendmentLabel(record.number),
          kind: record.kind,
          wordAction: wording.wordAction,
          clauseId: record.clauseId,
          clauseNumber: baseNumber,
          baseText,
          proposed: record.proposed,
          redline: wording.redline,
          blocks: wording.blocks,
          pointChanges: wording.pointChanges,
          justification: record.justification,
          pillars: record.pillars,
          sponsor: await this.affiliation(record.sponsorId, affiliations),
          createdBy: await this.person(record.createdBy, people),
          coSponsors: await Promise.all(
            coSponsors
              .filter((c) => c.amendmentId === record.id)
              .map(async (c) => ({
                affiliation: await this.affiliation(c.affiliationId, affiliations),
                status: c.status,
                requestedBy: await this.person(c.requestedBy, people),
                requestedAt: c.requestedAt,
                acceptedAt: c.acceptedAt,
              })),
          ),
          statements: await Promise.all(
            statements
              .filter((s) => s.amendmentId === record.id)
              .map(async (s) => ({
                affiliation: await this.affiliation(s.affiliationId, affiliations),
                stance: s.stance,
                note: s.note,
                by: await this.person(s.by, people),
                at: s.at,
              })),
          ),
          status: record.status,
          revised: wording.revised,
          transitions: await Promise.all(
            record.transitions.map(async (t) => ({ ...t, by: await this.person(t.by, people) })),
          ),
          liveChange,
          createdAt: record.createdAt,
          submittedAt: record.submittedAt,
          updatedAt: record.updatedAt,
        };
      }),
    );
  }

  /** A person by id, read once per presentation ("Former member" once they are gone). */
  async person(id: string, cache: Map<string, PersonRef>): Promise<PersonRef> {
    let person = cache.get(id);
    if (!person) {
      const user = await this.storage.getUser(id);
      person = { id, name: user?.name ?? 'Former member' };
      cache.set(id, person);
    }
    return person;
  }

  private async affiliation(id: string, cache: Map<string, AffiliationRef>): Promise<AffiliationRef> {
    let ref = cache.get(id);
    if (!ref) {
      const found = await this.storage.getAffiliation(id);
      ref = found
        ? { id, kind: found.kind, name: found.name, code: found.code }
        : { id, kind: 'delegation', name: 'Unknown', code: null };
      cache.set(id, ref);
    }
    return ref;
  }
}

/** A cycle as `reader` sees it: amendments counted per status, drafts only their sponsor's own. */
export function cycleSummary(
  record: ReviewCycleRecord,
  refs: CycleRefs,
  amendments: AmendmentRecord[],
  reader: ReviewActor,
): ReviewCycle {
  const counts: ReviewCycle['counts'] = {};
  for (const amendment of amendments)
    if (visibleTo(amendment, reader)) counts[amendment.status] = (counts[amendment.status] ?? 0) + 1;
  return {
    id: record.id,
    draftId: record.draftId,
    name: record.name,
    baseVersion: refs.baseVersion,
    phase: record.phase,
    schedule: record.schedule,
    openedBy: refs.openedBy,
    createdAt: record.createdAt,
    phaseChangedAt: record.phaseChangedAt,
    consolidated: refs.consolidated,
    counts,
  };
}
