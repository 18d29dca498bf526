import type { Kysely, Migration, Selectable } from 'kysely';
import { Migrator, sql } from 'kysely';
import type { Database } from './database';
import type {
  AffiliationRecord,
  AmendmentPatch,
  AmendmentRecord,
  CoSponsorRecord,
  ResolutionRecord,
  ReviewCyclePatch,
  ReviewCycleRecord,
  StatementRecord,
  AuditRecord,
  ClauseChange,
  ClauseChangeRecord,
  CommentPatch,
  CommentPeriodRecord,
  CommentRecord,
  DraftPatch,
  DraftRecord,
  InviteRecord,
  MembershipRecord,
  NewDraft,
  SessionRecord,
  Storage,
  StoredDocument,
  StoredUpdate,
  UserRecord,
  VersionRecord,
  VersionSummaryRecord,
} from './Storage';

/**
 * {@link Storage} on any SQL database Kysely speaks. The dialect-specific parts (connection,
 * pragmas, migrations) are passed in; the queries are written once.
 */
export class KyselyStorage implements Storage {
  constructor(private readonly db: Kysely<Database>) {}

  /** Applies pending migrations; throws with the failing migration's name if one fails. */
  async migrate(migrations: Record<string, Migration>): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: { getMigrations: async () => migrations } });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async createDraft(draft: NewDraft, initialState: Uint8Array): Promise<DraftRecord> {
    const at = draft.createdAt.toISOString();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('drafts')
        .values({ id: draft.id, title: draft.title, created_at: at, updated_at: at, archived_at: null })
        .execute();
      await tx
        .insertInto('document_states')
        .values({ draft_id: draft.id, data: initialState, up_to_seq: 0, compacted_at: at })
        .execute();
    });
    return { id: draft.id, title: draft.title, createdAt: at, updatedAt: at, archivedAt: null };
  }

  async getDraft(id: string): Promise<DraftRecord | undefined> {
    const row = await this.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toDraft(row);
  }

  async listDrafts(filter: { archived: boolean }): Promise<DraftRecord[]> {
    const rows = await this.db
      .selectFrom('drafts')
      .selectAll()
      .where('archived_at', filter.archived ? 'is not' : 'is', null)
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toDraft);
  }

  async updateDraft(id: string, patch: DraftPatch): Promise<DraftRecord | undefined> {
    const values: Partial<Database['drafts']> = {};
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.archivedAt !== undefined) values.archived_at = patch.archivedAt?.toISOString() ?? null;
    if (patch.updatedAt !== undefined) values.updated_at = patch.updatedAt.toISOString();
    if (Object.keys(values).length > 0) {
      await this.db.updateTable('drafts').set(values).where('id', '=', id).execute();
    }
    return this.getDraft(id);
  }

  async loadDocument(draftId: string): Promise<StoredDocument> {
    return this.db.transaction().execute(async (tx) => {
      const state = await tx
        .selectFrom('document_states')
        .select(['data', 'up_to_seq'])
        .where('draft_id', '=', draftId)
        .executeTakeFirst();
      const rows = await tx
        .selectFrom('document_updates')
        .select(['seq', 'data'])
        .where('draft_id', '=', draftId)
        .orderBy('seq')
        .execute();
      const lastSeq = rows.length > 0 ? rows[rows.length - 1]!.seq : (state?.up_to_seq ?? 0);
      return { state: state ? toBytes(state.data) : null, updates: rows.map((r) => toBytes(r.data)), lastSeq };
    });
  }

  async appendUpdates(draftId: string, updates: readonly StoredUpdate[], at: Date): Promise<number> {
    const iso = at.toISOString();
    return this.db.transaction().execute(async (tx) => {
      let lastSeq = 0;
      for (const update of updates) {
        const inserted = await tx
          .insertInto('document_updates')
          .values({
            draft_id: draftId,
            seq: nextLogSeq(draftId),
            data: update.data,
            author_id: update.authorId,
            created_at: iso,
          })
          .returning('seq')
          .executeTakeFirstOrThrow();
        lastSeq = Number(inserted.seq);
      }
      return lastSeq;
    });
  }

  async appendClauseChanges(draftId: string, changes: readonly ClauseChange[], at: Date): Promise<void> {
    const rows = changes.filter((change) => change.clauseIds.length > 0);
    if (rows.length === 0) return;
    await this.db
      .insertInto('document_changes')
      .values(
        rows.map((change) => ({
          draft_id: draftId,
          author_id: change.authorId,
          at: at.toISOString(),
          clause_ids: JSON.stringify(change.clauseIds),
        })),
      )
      .execute();
  }

  async listClauseChanges(draftId: string, limit: number): Promise<ClauseChangeRecord[]> {
    const rows = await this.db
      .selectFrom('document_changes')
      .selectAll()
      .where('draft_id', '=', draftId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      at: row.at,
      authorId: row.author_id,
      clauseIds: JSON.parse(row.clause_ids) as string[],
    }));
  }

  async compactDocument(draftId: string, state: Uint8Array, upToSeq: number): Promise<void> {
    const at = new Date().toISOString();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('document_states')
        .values({ draft_id: draftId, data: state, up_to_seq: upToSeq, compacted_at: at })
        .onConflict((oc) => oc.column('draft_id').doUpdateSet({ data: state, up_to_seq: upToSeq, compacted_at: at }))
        .execute();
      await tx.deleteFrom('document_updates').where('draft_id', '=', draftId).where('seq', '<=', upToSeq).execute();
    });
  }

  async createAffiliation(affiliation: AffiliationRecord): Promise<AffiliationRecord> {
    await this.db
      .insertInto('affiliations')
      .values({ ...affiliation, created_at: new Date().toISOString() })
      .execute();
    return affiliation;
  }

  async getAffiliation(id: string): Promise<AffiliationRecord | undefined> {
    return this.db
      .selectFrom('affiliations')
      .select(['id', 'kind', 'name', 'code'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async findAffiliation(kind: AffiliationRecord['kind'], name: string): Promise<AffiliationRecord | undefined> {
    return this.db
      .selectFrom('affiliations')
      .select(['id', 'kind', 'name', 'code'])
      .where('kind', '=', kind)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  async listAffiliations(): Promise<AffiliationRecord[]> {
    return this.db
      .selectFrom('affiliations')
      .select(['id', 'kind', 'name', 'code'])
      .orderBy('kind')
      .orderBy('name')
      .execute();
  }

  async createUser(user: UserRecord): Promise<UserRecord> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email,
        name: user.name,
        password_hash: user.passwordHash,
        affiliation_id: user.affiliationId,
        can_create_drafts: user.canCreateDrafts ? 1 : 0,
        created_at: user.createdAt,
      })
      .execute();
    return user;
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row && toUser(row);
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  }

  async createSession(session: SessionRecord): Promise<SessionRecord> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        token_hash: session.tokenHash,
        user_id: session.userId,
        kind: session.kind,
        name: session.name,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
        revoked_at: session.revokedAt,
      })
      .execute();
    return session;
  }

  async getSessionByTokenHash(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && toSession(row);
  }

  async listSessions(userId: string): Promise<SessionRecord[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toSession);
  }

  async revokeSession(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: at.toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async setMembership(draftId: string, userId: string, role: MembershipRecord['role'], at: Date): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({ draft_id: draftId, user_id: userId, role, created_at: at.toISOString() })
      .onConflict((oc) => oc.columns(['draft_id', 'user_id']).doUpdateSet({ role }))
      .execute();
  }

  async removeMembership(draftId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('memberships')
      .where('draft_id', '=', draftId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async getMembership(draftId: string, userId: string): Promise<MembershipRecord | undefined> {
    const row = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('draft_id', '=', draftId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && toMembership(row);
  }

  async listMemberships(draftId: string): Promise<MembershipRecord[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('draft_id', '=', draftId)
      .orderBy('created_at')
      .execute();
    return rows.map(toMembership);
  }

  async listDraftsForUser(
    userId: string,
    filter: { archived: boolean },
  ): Promise<(DraftRecord & { role: MembershipRecord['role'] })[]> {
    const rows = await this.db
      .selectFrom('drafts')
      .innerJoin('memberships', 'memberships.draft_id', 'drafts.id')
      .selectAll('drafts')
      .select('memberships.role')
      .where('memberships.user_id', '=', userId)
      .where('drafts.archived_at', filter.archived ? 'is not' : 'is', null)
      .orderBy('drafts.updated_at', 'desc')
      .orderBy('drafts.id')
      .execute();
    return rows.map((row) => ({ ...toDraft(row), role: row.role }));
  }

  async createInvite(invite: InviteRecord): Promise<InviteRecord> {
    await this.db
      .insertInto('invites')
      .values({
        id: invite.id,
        token_hash: invite.tokenHash,
        draft_id: invite.draftId,
        role: invite.role,
        affiliation_id: invite.affiliationId,
        created_by: invite.createdBy,
        created_at: invite.createdAt,
        expires_at: invite.expiresAt,
        accepted_at: invite.acceptedAt,
        accepted_by: invite.acceptedBy,
        revoked_at: invite.revokedAt,
      })
      .execute();
    return invite;
  }

  async getInviteByTokenHash(tokenHash: string): Promise<InviteRecord | undefined> {
    const row = await this.db.selectFrom('invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && toInvite(row);
  }

  async listInvites(draftId: string): Promise<InviteRecord[]> {
    const rows = await this.db
      .selectFrom('invites')
      .selectAll()
      .where('draft_id', '=', draftId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toInvite);
  }

  async acceptInvite(id: string, userId: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('invites')
      .set({ accepted_at: at.toISOString(), accepted_by: userId })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async revokeInvite(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('invites')
      .set({ revoked_at: at.toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async appendAudit(entry: Omit<AuditRecord, 'id'>): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: entry.at,
        actor_id: entry.actorId,
        draft_id: entry.draftId,
        action: entry.action,
        details: JSON.stringify(entry.details),
      })
      .execute();
  }

  async listAudit(filter: { draftId?: string; limit: number }): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.draftId !== undefined) query = query.where('draft_id', '=', filter.draftId);
    const rows = await query.execute();
    return rows.map((row) => ({
      id: Number(row.id),
      at: row.at,
      actorId: row.actor_id,
      draftId: row.draft_id,
      action: row.action,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  }

  async createComment(comment: CommentRecord): Promise<CommentRecord> {
    await this.db.insertInto('comments').values(commentRow(comment)).execute();
    return comment;
  }

  async getComment(id: string): Promise<CommentRecord | undefined> {
    const row = await this.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toComment(row);
  }

  async listComments(draftId: string): Promise<CommentRecord[]> {
    const rows = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('draft_id', '=', draftId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toComment);
  }

  async updateComment(id: string, patch: CommentPatch): Promise<CommentRecord | undefined> {
    const existing = await this.getComment(id);
    if (!existing) return undefined;
    const row = commentRow({ ...existing, ...patch });
    await this.db.updateTable('comments').set(row).where('id', '=', id).execute();
    return { ...existing, ...patch };
  }

  async createCommentPeriod(period: CommentPeriodRecord): Promise<CommentPeriodRecord> {
    await this.db
      .insertInto('comment_periods')
      .values({
        id: period.id,
        draft_id: period.draftId,
        starts_at: period.startsAt,
        ends_at: period.endsAt,
        opened_by: period.openedBy,
        created_at: period.createdAt,
        closed_at: period.closedAt,
        closed_by: period.closedBy,
      })
      .execute();
    return period;
  }

  async listCommentPeriods(draftId: string): Promise<CommentPeriodRecord[]> {
    const rows = await this.db
      .selectFrom('comment_periods')
      .selectAll()
      .where('draft_id', '=', draftId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      draftId: row.draft_id,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      openedBy: row.opened_by,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      closedBy: row.closed_by,
    }));
  }

  async closeCommentPeriod(id: string, by: string, at: Date): Promise<void> {
    await this.db
      .updateTable('comment_periods')
      .set({ closed_at: at.toISOString(), closed_by: by })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .execute();
  }

  async createVersion(version: VersionRecord): Promise<VersionRecord> {
    await this.db
      .insertInto('versions')
      .values({
        id: version.id,
        draft_id: version.draftId,
        label: version.label,
        note: version.note,
        created_by: version.createdBy,
        created_at: version.createdAt,
        state: version.state,
        document: JSON.stringify(version.document),
        published_at: version.publishedAt,
        published_by: version.publishedBy,
      })
      .execute();
    return version;
  }

  async getVersion(id: string): Promise<VersionRecord | undefined> {
    const row = await this.db.selectFrom('versions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return {
      ...toVersionSummary(row),
      state: toBytes(row.state),
      document: JSON.parse(row.document) as VersionRecord['document'],
    };
  }

  async listVersions(draftId: string): Promise<VersionSummaryRecord[]> {
    const rows = await this.db
      .selectFrom('versions')
      .select(['id', 'draft_id', 'label', 'note', 'created_by', 'created_at', 'published_at', 'published_by'])
      .where('draft_id', '=', draftId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toVersionSummary);
  }

  async setVersionPublished(id: string, by: string | null, at: Date | null): Promise<void> {
    await this.db
      .updateTable('versions')
      .set({ published_at: at?.toISOString() ?? null, published_by: by })
      .where('id', '=', id)
      .execute();
  }

  async createReviewCycle(cycle: ReviewCycleRecord): Promise<ReviewCycleRecord> {
    await this.db
      .insertInto('review_cycles')
      .values({
        id: cycle.id,
        draft_id: cycle.draftId,
        name: cycle.name,
        base_version_id: cycle.baseVersionId,
        phase: cycle.phase,
        schedule: JSON.stringify(cycle.schedule),
        opened_by: cycle.openedBy,
        created_at: cycle.createdAt,
        phase_changed_at: cycle.phaseChangedAt,
        consolidated_version_id: cycle.consolidatedVersionId,
        consolidated_by: cycle.consolidatedBy,
        consolidated_at: cycle.consolidatedAt,
      })
      .execute();
    return cycle;
  }

  async getReviewCycle(id: string): Promise<ReviewCycleRecord | undefined> {
    const row = await this.db.selectFrom('review_cycles').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toReviewCycle(row);
  }

  async listReviewCycles(draftId: string): Promise<ReviewCycleRecord[]> {
    const rows = await this.db
      .selectFrom('review_cycles')
      .selectAll()
      .where('draft_id', '=', draftId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toReviewCycle);
  }

  async updateReviewCycle(id: string, patch: ReviewCyclePatch): Promise<void> {
    const values: Partial<Database['review_cycles']> = {};
    if (patch.phase !== undefined) values.phase = patch.phase;
    if (patch.phaseChangedAt !== undefined) values.phase_changed_at = patch.phaseChangedAt;
    if (patch.consolidatedVersionId !== undefined) values.consolidated_version_id = patch.consolidatedVersionId;
    if (patch.consolidatedBy !== undefined) values.consolidated_by = patch.consolidatedBy;
    if (patch.consolidatedAt !== undefined) values.consolidated_at = patch.consolidatedAt;
    if (Object.keys(values).length > 0)
      await this.db.updateTable('review_cycles').set(values).where('id', '=', id).execute();
  }

  async createAmendment(amendment: AmendmentRecord): Promise<AmendmentRecord> {
    await this.db
      .insertInto('amendments')
      .values({
        id: amendment.id,
        cycle_id: amendment.cycleId,
        draft_id: amendment.draftId,
        number: amendment.number,
        kind: amendment.kind,
        clause_id: amendment.clauseId,
        proposed: amendment.proposed === null ? null : JSON.stringify(amendment.proposed),
        justification: amendment.justification,
        pillars: JSON.stringify(amendment.pillars),
        sponsor_id: amendment.sponsorId,
        created_by: amendment.createdBy,
        created_at: amendment.createdAt,
        submitted_at: amendment.submittedAt,
        updated_at: amendment.updatedAt,
        status: amendment.status,
        revised: amendment.revised === null ? null : JSON.stringify(amendment.revised),
        transitions: JSON.stringify(amendment.transitions),
      })
      .execute();
    return amendment;
  }

  async getAmendment(id: string): Promise<AmendmentRecord | undefined> {
    const row = await this.db.selectFrom('amendments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAmendment(row);
  }

  async listAmendments(cycleId: string): Promise<AmendmentRecord[]> {
    const rows = await this.db
      .selectFrom('amendments')
      .selectAll()
      .where('cycle_id', '=', cycleId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toAmendment);
  }

  async updateAmendment(id: string, patch: AmendmentPatch): Promise<void> {
    const values: Partial<Database['amendments']> = {};
    if (patch.kind !== undefined) values.kind = patch.kind;
    if (patch.clauseId !== undefined) values.clause_id = patch.clauseId;
    if (patch.proposed !== undefined) values.proposed = patch.proposed === null ? null : JSON.stringify(patch.proposed);
    if (patch.justification !== undefined) values.justification = patch.justification;
    if (patch.pillars !== undefined) values.pillars = JSON.stringify(patch.pillars);
    if (patch.submittedAt !== undefined) values.submitted_at = patch.submittedAt;
    if (patch.updatedAt !== undefined) values.updated_at = patch.updatedAt;
    if (patch.status !== undefined) values.status = patch.status;
    if (patch.revised !== undefined) values.revised = patch.revised === null ? null : JSON.stringify(patch.revised);
    if (patch.transitions !== undefined) values.transitions = JSON.stringify(patch.transitions);
    if (Object.keys(values).length > 0)
      await this.db.updateTable('amendments').set(values).where('id', '=', id).execute();
  }

  async numberAmendment(id: string): Promise<number> {
    await this.db
      .updateTable('amendments')
      .set({
        number: sql<number>`(select coalesce(max(a.number), 0) + 1 from amendments a where a.cycle_id = amendments.cycle_id)`,
      })
      .where('id', '=', id)
      .where('number', 'is', null)
      .execute();
    const row = await this.db.selectFrom('amendments').select('number').where('id', '=', id).executeTakeFirstOrThrow();
    return row.number!;
  }

  async putCoSponsor(coSponsor: CoSponsorRecord): Promise<void> {
    const values = {
      amendment_id: coSponsor.amendmentId,
      affiliation_id: coSponsor.affiliationId,
      status: coSponsor.status,
      requested_by: coSponsor.requestedBy,
      requested_at: coSponsor.requestedAt,
      accepted_at: coSponsor.acceptedAt,
    };
    await this.db
      .insertInto('amendment_cosponsors')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['amendment_id', 'affiliation_id']).doUpdateSet({
          status: values.status,
          requested_by: values.requested_by,
          requested_at: values.requested_at,
          accepted_at: values.accepted_at,
        }),
      )
      .execute();
  }

  async deleteCoSponsor(amendmentId: string, affiliationId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('amendment_cosponsors')
      .where('amendment_id', '=', amendmentId)
      .where('affiliation_id', '=', affiliationId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listCoSponsors(cycleId: string): Promise<CoSponsorRecord[]> {
    const rows = await this.db
      .selectFrom('amendment_cosponsors')
      .innerJoin('amendments', 'amendments.id', 'amendment_cosponsors.amendment_id')
      .selectAll('amendment_cosponsors')
      .where('amendments.cycle_id', '=', cycleId)
      .orderBy('amendment_cosponsors.requested_at')
      .orderBy('amendment_cosponsors.affiliation_id')
      .execute();
    return rows.map((row) => ({
      amendmentId: row.amendment_id,
      affiliationId: row.affiliation_id,
      status: row.status,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at,
      acceptedAt: row.accepted_at,
    }));
  }

  async putStatement(statement: StatementRecord): Promise<void> {
    const values = {
      amendment_id: statement.amendmentId,
      affiliation_id: statement.affiliationId,
      stance: statement.stance,
      note: statement.note,
      by: statement.by,
      at: statement.at,
    };
    await this.db
      .insertInto('amendment_statements')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['amendment_id', 'affiliation_id'])
          .doUpdateSet({ stance: values.stance, note: values.note, by: values.by, at: values.at }),
      )
      .execute();
  }

  async deleteStatement(amendmentId: string, affiliationId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('amendment_statements')
      .where('amendment_id', '=', amendmentId)
      .where('affiliation_id', '=', affiliationId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listStatements(cycleId: string): Promise<StatementRecord[]> {
    const rows = await this.db
      .selectFrom('amendment_statements')
      .innerJoin('amendments', 'amendments.id', 'amendment_statements.amendment_id')
      .selectAll('amendment_statements')
      .where('amendments.cycle_id', '=', cycleId)
      .orderBy('amendment_statements.at')
      .orderBy('amendment_statements.affiliation_id')
      .execute();
    return rows.map((row) => ({
      amendmentId: row.amendment_id,
      affiliationId: row.affiliation_id,
      stance: row.stance,
      note: row.note,
      by: row.by,
      at: row.at,
    }));
  }

  async putResolution(resolution: ResolutionRecord): Promise<void> {
    const values = {
      cycle_id: resolution.cycleId,
      clause_id: resolution.clauseId,
      clauses: JSON.stringify(resolution.clauses),
      note: resolution.note,
      by: resolution.by,
      at: resolution.at,
    };
    await this.db
      .insertInto('review_resolutions')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['cycle_id', 'clause_id'])
          .doUpdateSet({ clauses: values.clauses, note: values.note, by: values.by, at: values.at }),
      )
      .execute();
  }

  async deleteResolution(cycleId: string, clauseId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('review_resolutions')
      .where('cycle_id', '=', cycleId)
      .where('clause_id', '=', clauseId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listResolutions(cycleId: string): Promise<ResolutionRecord[]> {
    const rows = await this.db
      .selectFrom('review_resolutions')
      .selectAll()
      .where('cycle_id', '=', cycleId)
      .orderBy('at')
      .orderBy('clause_id')
      .execute();
    return rows.map((row) => ({
      cycleId: row.cycle_id,
      clauseId: row.clause_id,
      clauses: JSON.parse(row.clauses) as ResolutionRecord['clauses'],
      note: row.note,
      by: row.by,
      at: row.at,
    }));
  }

  async getReviewVisit(cycleId: string, userId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('review_visits')
      .select('seen_at')
      .where('cycle_id', '=', cycleId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.seen_at;
  }

  async setReviewVisit(cycleId: string, userId: string, at: Date): Promise<void> {
    const seenAt = at.toISOString();
    await this.db
      .insertInto('review_visits')
      .values({ cycle_id: cycleId, user_id: userId, seen_at: seenAt })
      .onConflict((oc) => oc.columns(['cycle_id', 'user_id']).doUpdateSet({ seen_at: seenAt }))
      .execute();
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

function toDraft(row: Selectable<Database['drafts']>): DraftRecord {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

function toUser(row: Selectable<Database['users']>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    affiliationId: row.affiliation_id,
    canCreateDrafts: Boolean(row.can_create_drafts),
    createdAt: row.created_at,
  };
}

function toSession(row: Selectable<Database['sessions']>): SessionRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    userId: row.user_id,
    kind: row.kind,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

function toMembership(row: Selectable<Database['memberships']>): MembershipRecord {
  return { draftId: row.draft_id, userId: row.user_id, role: row.role, createdAt: row.created_at };
}

function toInvite(row: Selectable<Database['invites']>): InviteRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    draftId: row.draft_id,
    role: row.role,
    affiliationId: row.affiliation_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
  };
}

function commentRow(comment: CommentRecord): Database['comments'] {
  return {
    id: comment.id,
    draft_id: comment.draftId,
    parent_id: comment.parentId,
    author_id: comment.authorId,
    author_role: comment.authorRole,
    body: comment.body,
    anchor: JSON.stringify(comment.anchor),
    anchor_state: comment.anchorState,
    anchor_text: comment.anchorText,
    mentions: JSON.stringify(comment.mentions),
    created_at: comment.createdAt,
    edited_at: comment.editedAt,
    resolved_at: comment.resolvedAt,
    resolved_by: comment.resolvedBy,
    hidden_at: comment.hiddenAt,
    hidden_by: comment.hiddenBy,
    hidden_reason: comment.hiddenReason,
  };
}

function toComment(row: Selectable<Database['comments']>): CommentRecord {
  return {
    id: row.id,
    draftId: row.draft_id,
    parentId: row.parent_id,
    authorId: row.author_id,
    authorRole: row.author_role,
    body: row.body,
    anchor: JSON.parse(row.anchor) as CommentRecord['anchor'],
    anchorState: row.anchor_state,
    anchorText: row.anchor_text,
    mentions: JSON.parse(row.mentions) as string[],
    createdAt: row.created_at,
    editedAt: row.edited_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    hiddenAt: row.hidden_at,
    hiddenBy: row.hidden_by,
    hiddenReason: row.hidden_reason,
  };
}

function toVersionSummary(row: Omit<Selectable<Database['versions']>, 'state' | 'document'>): VersionSummaryRecord {
  return {
    id: row.id,
    draftId: row.draft_id,
    label: row.label,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

function toReviewCycle(row: Selectable<Database['review_cycles']>): ReviewCycleRecord {
  return {
    id: row.id,
    draftId: row.draft_id,
    name: row.name,
    baseVersionId: row.base_version_id,
    phase: row.phase,
    schedule: JSON.parse(row.schedule) as ReviewCycleRecord['schedule'],
    openedBy: row.opened_by,
    createdAt: row.created_at,
    phaseChangedAt: row.phase_changed_at,
    consolidatedVersionId: row.consolidated_version_id,
    consolidatedBy: row.consolidated_by,
    consolidatedAt: row.consolidated_at,
  };
}

function toAmendment(row: Selectable<Database['amendments']>): AmendmentRecord {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    draftId: row.draft_id,
    number: row.number,
    kind: row.kind,
    clauseId: row.clause_id,
    proposed: row.proposed === null ? null : (JSON.parse(row.proposed) as AmendmentRecord['proposed']),
    justification: row.justification,
    pillars: JSON.parse(row.pillars) as AmendmentRecord['pillars'],
    sponsorId: row.sponsor_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    status: row.status,
    revised: row.revised === null ? null : (JSON.parse(row.revised) as AmendmentRecord['revised']),
    transitions: JSON.parse(row.transitions) as AmendmentRecord['transitions'],
  };
}

/** Drivers hand back Buffers (a Uint8Array subclass); Yjs wants plain bytes, without copying. */
function toBytes(data: Uint8Array): Uint8Array {
  return data instanceof Buffer ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data;
}

/**
 * The next sequence number in a draft's log: one past its last row, or past the compacted state
 * when compaction has emptied the log (so numbers never go back below what the state covers).
 */
function nextLogSeq(draftId: string) {
  const lastLogged = sql`(select max(seq) from document_updates where draft_id = ${draftId})`;
  const compacted = sql`(select up_to_seq from document_states where draft_id = ${draftId})`;
  return sql<number>`coalesce(${lastLogged}, ${compacted}, 0) + 1`;
}
