import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type * as Y from 'yjs';
import type { AmendmentAnchor, Comment, CommentAnchor, CommentPeriod } from '../../shared/comments';
import { isAmendmentAnchor, isPeriodOpen, isPointAnchor } from '../../shared/comments';
import { COMMENT_EDIT_WINDOW_MS } from '../../shared/limits';
import type { Role } from '../../shared/roles';
import { can, decide } from '../../shared/roles';
import type { Principal } from '../auth/AuthService';
import { newId } from '../auth/AuthService';
import type { DocumentRegistry } from '../collab/DocumentRegistry';
import { documentOutline } from '../drafts/documentOutline';
import { ApiError, enforce } from '../errors';
import type { Logger } from '../logger';
import type { AffiliationRecord, CommentPeriodRecord, CommentRecord, Storage, UserRecord } from '../storage/Storage';
import { checkNewAnchor, resolveAnchor } from './anchors';
import { commentFor } from './commentFor';

/** Who is reading: comments are shaped for them (a hidden body is shown only to its author and the chair). */
export interface Reader {
  userId: string;
  role: Role;
}

export interface CommentOptions {
  /** Comments one person may post or edit per minute (posts and edits together). */
  perMinute: number;
  /** Counts in Redis, shared by every instance (with `prefix` on its keys); otherwise in this process. */
  shared?: { redis: Redis; prefix: string } | null;
}

/**
 * Comments on a draft: anchored, threaded, resolvable, moderated, and pushed live to every open
 * client. Observers may comment while a comment period is open; delegates and the chair always.
 */
export class CommentService {
  private readonly limiter: RateLimiterAbstract;
  private readonly commentedByDraft = new Map<string, Set<string>>();

  constructor(
    private readonly storage: Storage,
    private readonly registry: DocumentRegistry,
    private readonly logger: Logger,
    options: CommentOptions,
  ) {
    const limit = { points: options.perMinute, duration: 60 };
    // If Redis cannot be reached, each instance counts on its own until it can.
    this.limiter = options.shared
      ? new RateLimiterRedis({
          ...limit,
          storeClient: options.shared.redis,
          keyPrefix: `${options.shared.prefix}comments-per-minute`,
          insuranceLimiter: new RateLimiterMemory(limit),
        })
      : new RateLimiterMemory(limit);
  }

  /** Every comment of a draft, resolved against the live text, for `reader`. */
  async list(draftId: string, reader: Reader): Promise<Comment[]> {
    const records = await this.storage.listComments(draftId);
    return this.present(draftId, records, reader);
  }

  async create(
    draftId: string,
    author: Principal,
    role: Role,
    input: { body: string; anchor?: CommentAnchor; parentId?: string; mentions: string[] },
  ): Promise<Comment> {
    const onAmendment = input.anchor && isAmendmentAnchor(input.anchor) ? input.anchor : null;
    if (onAmendment) await this.checkAmendmentAnchor(draftId, onAmendment, role);
    else if (!input.parentId) await this.refuseOutsidePeriod(draftId, role);
    await this.rateLimit(author.user.id);
    let anchor: CommentAnchor;
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = await this.storage.getComment(input.parentId);
      if (!parent || parent.draftId !== draftId)
        throw new ApiError(404, 'comment_not_found', 'There is no comment with that id on this draft.');
      const root = parent.parentId ? await this.storage.getComment(parent.parentId) : parent;
      if (!root) throw new ApiError(404, 'comment_not_found', 'The thread of that comment no longer exists.');
      parentId = root.id;
      anchor = root.anchor;
      // Who may reply (the thread's anchor says which rule) before whether the thread takes replies.
      if (isAmendmentAnchor(anchor)) await this.checkAmendmentAnchor(draftId, anchor, role);
      else await this.refuseOutsidePeriod(draftId, role);
      if (root.hiddenAt)
        throw new ApiError(409, 'thread_hidden', 'This thread has been hidden by the chair; it takes no replies.');
    } else if (onAmendment) {
      anchor = onAmendment;
    } else {
      if (!input.anchor) throw new ApiError(400, 'anchor_required', 'Say which clause or words the comment is about.');
      anchor = input.anchor;
      const problem = await this.registry.withDocument(draftId, async (document) =>
        checkNewAnchor(document.doc, anchor),
      );
      if (problem) throw new ApiError(problem.status, problem.error, problem.message);
    }
    for (const id of input.mentions) {
      if (!(await this.storage.getAffiliation(id)))
        throw new ApiError(400, 'unknown_affiliation', 'A mentioned delegation or organisation does not exist.');
    }
    const record = await this.storage.createComment({
      id: newId(),
      draftId,
      parentId,
      authorId: author.user.id,
      authorRole: role,
      body: input.body,
      anchor,
      anchorState: 'attached',
      anchorText: 'quote' in anchor ? anchor.quote : null,
      mentions: [...new Set(input.mentions)],
      createdAt: new Date().toISOString(),
      editedAt: null,
      resolvedAt: null,
      resolvedBy: null,
      hiddenAt: null,
      hiddenBy: null,
      hiddenReason: null,
    });
    this.commentedByDraft.get(draftId)?.add(anchor.clauseId);
    return this.publish(record, { userId: author.user.id, role });
  }

  /**
   * The author edits their own comment, within the edit window. Each edit is pushed to every open
   * client as a post is, so edits and posts draw on the same per-person limit.
   */
  async edit(draftId: string, commentId: string, editor: Principal, body: string): Promise<Comment> {
    const record = await this.find(draftId, commentId);
    if (record.authorId !== editor.user.id) throw new ApiError(403, 'forbidden', 'Only its author can edit a comment.');
    if (Date.now() - Date.parse(record.createdAt) > COMMENT_EDIT_WINDOW_MS) {
      throw new ApiError(
        409,
        'edit_window_closed',
        `A comment can be edited for ${COMMENT_EDIT_WINDOW_MS / 60_000} minutes after posting. Reply to it instead.`,
      );
    }
    if (record.hiddenAt) throw new ApiError(409, 'comment_hidden', 'A hidden comment cannot be edited.');
    await this.rateLimit(editor.user.id);
    return this.publish(await this.update(record, { body, editedAt: new Date().toISOString() }), {
      userId: editor.user.id,
      role: 'observer',
    });
  }

  /** Resolves or reopens a thread: the chair, delegates, or the thread's author. */
  async setResolved(
    draftId: string,
    commentId: string,
    by: Principal,
    role: Role,
    resolved: boolean,
  ): Promise<Comment> {
    const record = await this.find(draftId, commentId);
    if (!can(role, 'comment:resolve-any') && record.authorId !== by.user.id) {
      throw new ApiError(
        403,
        'forbidden',
        'Only the chair, delegates and the author can resolve or reopen this thread.',
      );
    }
    if (record.parentId)
      throw new ApiError(400, 'not_a_thread', 'Resolve the thread (its first comment), not a reply.');
    const patch = resolved
      ? { resolvedAt: new Date().toISOString(), resolvedBy: by.user.id }
      : { resolvedAt: null, resolvedBy: null };
    return this.publish(await this.update(record, patch), { userId: by.user.id, role });
  }

  /** The chair hides a comment with a reason (it stays in the record), or shows it again. */
  async setHidden(draftId: string, commentId: string, by: Principal, reason: string | null): Promise<Comment> {
    const record = await this.find(draftId, commentId);
    const patch =
      reason === null
        ? { hiddenAt: null, hiddenBy: null, hiddenReason: null }
        : { hiddenAt: new Date().toISOString(), hiddenBy: by.user.id, hiddenReason: reason };
    return this.publish(await this.update(record, patch), { userId: by.user.id, role: 'chair' });
  }

  async periods(draftId: string): Promise<CommentPeriod[]> {
    return (await this.storage.listCommentPeriods(draftId)).map(toPeriod);
  }

  async openPeriod(draftId: string, by: Principal, startsAt: Date, endsAt: Date): Promise<CommentPeriod> {
    if (endsAt <= startsAt) throw new ApiError(400, 'invalid_period', 'A comment period must end after it starts.');
    const record = await this.storage.createCommentPeriod({
      id: newId(),
      draftId,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      openedBy: by.user.id,
      createdAt: new Date().toISOString(),
      closedAt: null,
      closedBy: null,
    });
    await this.publishPeriods(draftId);
    return toPeriod(record);
  }

  async closePeriod(draftId: string, periodId: string, by: Principal): Promise<CommentPeriod> {
    const period = (await this.storage.listCommentPeriods(draftId)).find((p) => p.id === periodId);
    if (!period) throw new ApiError(404, 'period_not_found', 'This draft has no comment period with that id.');
    await this.storage.closeCommentPeriod(periodId, by.user.id, new Date());
    await this.publishPeriods(draftId);
    return toPeriod((await this.storage.listCommentPeriods(draftId)).find((p) => p.id === periodId)!);
  }

  /**
   * After clauses changed in the live text: re-resolves the comments on them, re-anchors spans
   * whose clause moved, records words that were removed, and tells open clients.
   */
  async onClausesChanged(draftId: string, doc: Y.Doc, clauseIds: ReadonlySet<string>): Promise<void> {
    if (clauseIds.size === 0) return;
    const commented = await this.commentedClauses(draftId);
    if (![...clauseIds].some((id) => commented.has(id))) return;
    const records = (await this.storage.listComments(draftId)).filter(
      (record) => !record.parentId && clauseIds.has(record.anchor.clauseId),
    );
    for (const record of records) {
      const resolved = resolveAnchor(doc, record.anchor, record.anchorText);
      const seen = resolved.state === 'attached' ? resolved.currentText : record.anchorText;
      if (!resolved.reanchored && resolved.state === record.anchorState && seen === record.anchorText) continue;
      const updated = await this.update(record, {
        anchor: resolved.reanchored ?? record.anchor,
        anchorState: resolved.state,
        anchorText: seen,
      });
      // A point that moved to another clause takes its comments there: changes to that clause concern them now.
      if (resolved.reanchored) this.commentedByDraft.get(draftId)?.add(resolved.reanchored.clauseId);
      // Only a moved anchor or a changed state is news for clients; new words show through the text itself.
      if (!resolved.reanchored && resolved.state === record.anchorState) continue;
      this.logger.debug(
        { draftId, commentId: record.id, state: resolved.state, reanchored: Boolean(resolved.reanchored) },
        'comment anchor updated',
      );
      await this.publish(updated, { userId: '', role: 'observer' });
    }
  }

  /** The clauses of a draft that have comments, cached so that typing elsewhere costs no query. */
  private async commentedClauses(draftId: string): Promise<Set<string>> {
    let ids = this.commentedByDraft.get(draftId);
    if (!ids) {
      ids = new Set((await this.storage.listComments(draftId)).map((record) => record.anchor.clauseId));
      this.commentedByDraft.set(draftId, ids);
    }
    return ids;
  }

  private async find(draftId: string, commentId: string): Promise<CommentRecord> {
    const record = await this.storage.getComment(commentId);
    if (!record || record.draftId !== draftId)
      throw new ApiError(404, 'comment_not_found', 'There is no comment with that id on this draft.');
    return record;
  }

  private async update(record: CommentRecord, patch: Parameters<Storage['updateComment']>[1]): Promise<CommentRecord> {
    return (await this.storage.updateComment(record.id, patch)) ?? { ...record, ...patch };
  }

  /**
   * Comments on an amendment: on a submitted amendment of this draft, by whoever the policy lets
   * comment on it (`amendment:comment`: observers during the cycle's comment period or an open
   * comment period of the draft), while its review cycle is open.
   */
  private async checkAmendmentAnchor(draftId: string, anchor: AmendmentAnchor, role: Role): Promise<void> {
    const amendment = await this.storage.getAmendment(anchor.amendmentId);
    if (!amendment || amendment.draftId !== draftId || amendment.status === 'draft')
      throw new ApiError(404, 'amendment_not_found', 'This draft has no amendment with that id.');
    if (amendment.clauseId !== anchor.clauseId)
      throw new ApiError(
        400,
        'invalid_anchor',
        'A comment on an amendment points at the clause the amendment concerns.',
      );
    const cycle = await this.storage.getReviewCycle(amendment.cycleId);
    const periods = await this.storage.listCommentPeriods(draftId);
    enforce(
      decide('amendment:comment', {
        role,
        // A cycle that is gone takes no comments, as a closed one.
        phase: cycle?.phase ?? 'closed',
        commentPeriodOpen: periods.some((period) => isPeriodOpen(period)),
      }),
    );
  }

  private async refuseOutsidePeriod(draftId: string, role: Role): Promise<void> {
    if (can(role, 'comment:write')) return;
    if (!can(role, 'comment:write-in-period'))
      throw new ApiError(403, 'forbidden', 'Your role cannot comment on this draft.');
    const periods = await this.storage.listCommentPeriods(draftId);
    if (!periods.some((period) => isPeriodOpen(period))) {
      throw new ApiError(
        403,
        'no_comment_period',
        'Observers can comment while a comment period is open, and none is open now.',
      );
    }
  }

  private async rateLimit(userId: string): Promise<void> {
    try {
      await this.limiter.consume(userId);
    } catch {
      throw new ApiError(
        429,
        'too_many_comments',
        'You are posting or editing comments very quickly. Wait a minute and try again.',
        { retryAfterSeconds: 60 },
      );
    }
  }

  /** Pushes a comment to every open client of its draft, shaped for each reader; returns it shaped for `reader`. */
  private async publish(record: CommentRecord, reader: Reader): Promise<Comment> {
    const [full] = await this.present(record.draftId, [record], { userId: '', role: 'chair' });
    if (!full) throw new Error('comment could not be presented');
    await this.registry.sendEvent(record.draftId, { kind: 'comment', comment: full, authorId: record.authorId });
    return commentFor(full, record.authorId, reader);
  }

  private async publishPeriods(draftId: string): Promise<void> {
    const periods = await this.periods(draftId);
    await this.registry.sendEvent(draftId, { kind: 'everyone', event: { type: 'comment-periods', periods } });
  }

  /** Resolves records against the live text and shapes them for `reader`. */
  private async present(draftId: string, records: CommentRecord[], reader: Reader): Promise<Comment[]> {
    if (records.length === 0) return [];
    const byId = new Map(records.map((record) => [record.id, record]));
    const roots = new Map<string, CommentRecord>();
    for (const record of records) {
      const root = record.parentId
        ? (byId.get(record.parentId) ?? (await this.storage.getComment(record.parentId)))
        : record;
      if (root) roots.set(record.id, root);
    }
    const resolved = await this.registry.withDocument(draftId, async (document) => {
      const outline = documentOutline(document.doc);
      const numbers = new Map(outline.clauses.map((clause) => [clause.id, clause.number]));
      const references = new Map(
        outline.clauses.flatMap((clause) => clause.points.map((point) => [point.id, point.reference] as const)),
      );
      return new Map(
        [...roots.values()].map((root) => {
          const place = resolveAnchor(document.doc, root.anchor, root.anchorText);
          const anchor = place.reanchored ?? root.anchor;
          const reference = isPointAnchor(anchor) ? references.get(anchor.pointId) : undefined;
          return [
            root.id,
            {
              ...place,
              number: numbers.get(anchor.clauseId) ?? null,
              ...(reference !== undefined ? { reference } : {}),
            },
          ];
        }),
      );
    });
    const people = new Map<string, { user: UserRecord; affiliation: AffiliationRecord }>();
    const affiliations = new Map<string, AffiliationRecord>();
    const comments: Comment[] = [];
    for (const record of records) {
      if (!people.has(record.authorId)) {
        const user = await this.storage.getUser(record.authorId);
        const affiliation = user && (await this.storage.getAffiliation(user.affiliationId));
        if (user && affiliation) people.set(record.authorId, { user, affiliation });
      }
      for (const id of record.mentions) {
        if (!affiliations.has(id)) {
          const affiliation = await this.storage.getAffiliation(id);
          if (affiliation) affiliations.set(id, affiliation);
        }
      }
      const author = people.get(record.authorId);
      const root = roots.get(record.id) ?? record;
      const place = resolved?.get(root.id);
      if (!author) continue;
      const comment: Comment = {
        id: record.id,
        draftId: record.draftId,
        parentId: record.parentId,
        author: { id: author.user.id, name: author.user.name, affiliation: author.affiliation },
        authorRole: record.authorRole,
        body: record.body,
        anchor: place?.reanchored ?? root.anchor,
        anchorState: place?.state ?? root.anchorState,
        clauseNumber: place?.number ?? null,
        ...(place?.reference !== undefined ? { pointReference: place.reference } : {}),
        currentText: place?.currentText ?? null,
        mentions: record.mentions.flatMap((id) => {
          const affiliation = affiliations.get(id);
          return affiliation ? [{ id, name: affiliation.name, code: affiliation.code }] : [];
        }),
        createdAt: record.createdAt,
        editedAt: record.editedAt,
        status: root.resolvedAt ? 'resolved' : 'open',
        resolvedAt: root.resolvedAt,
        resolvedBy: root.resolvedBy,
        hidden: record.hiddenAt
          ? { at: record.hiddenAt, by: record.hiddenBy ?? '', reason: record.hiddenReason ?? '' }
          : null,
      };
      comments.push(commentFor(comment, record.authorId, reader));
    }
    return comments;
  }
}

function toPeriod(record: CommentPeriodRecord): CommentPeriod {
  return {
    id: record.id,
    draftId: record.draftId,
    startsAt: record.startsAt,
    endsAt: record.endsAt,
    closedAt: record.closedAt,
    openedBy: record.openedBy,
  };
}
