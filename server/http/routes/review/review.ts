import { Taxonomy } from '../../../../shared/pillars';
import { Hono } from 'hono';
import { renderAmendmentsCsv } from '../../../review/exports/amendmentsCsv';
import { reviewActor } from '../../../review/ReviewActor';
import { audit } from '../../../Services';
import type { Services } from '../../../Services';
import { STATUS_ACTIONS, statusAction } from '../../../../shared/review/amendmentTransitions';
import { exportFileName } from '../../../../shared/exportFileName';
import { requireAction, requireDraftAccess } from '../../access';
import { attachment } from '../../contentDisposition';
import type { AppEnv } from '../../AppEnv';
import { parseBody, parseQuery } from '../../validate';
import {
  adoptionPreviewBody,
  adoptionPreviewDocuments,
  amendmentDocuments,
  amendmentsExportQuery,
  answerCoSponsorBody,
  compilationQuery,
  consolidateBody,
  liveChangeDecisionBody,
  consolidationQuery,
  editAmendmentBody,
  movePhaseBody,
  newAmendmentBody,
  openCycleBody,
  resolutionBody,
  resolutionDocuments,
  statementBody,
  statusBody,
  statusDocuments,
} from './schema';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * `/api/drafts/:id/review-cycles`: the periodic review. Every member reads it; what each may
 * change is the policy's (shared/roles.ts). Each route checks who the caller is (their role and
 * delegation) against its action before reading the request or what it names; the review
 * service checks the rest (whether their delegation sponsors the amendment, the phase, the
 * amendment's status), so a refusal for who they are (403) comes before any 404 or 409.
 */
export function reviewRoutes(services: Services): Hono<AppEnv> {
  const { storage, review } = services;
  const app = new Hono<AppEnv>();
  const cycles = '/:id/review-cycles';
  const one = `${cycles}/:cycleId`;
  const amendment = `${one}/amendments/:amendmentId`;

  app.get(cycles, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json({ cycles: await review.cycles.list(draft.id, reviewActor(principal, role)) });
  });

  app.post(cycles, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'review:open-cycle');
    const body = await parseBody(c, openCycleBody);
    const cycle = await review.cycles.open(draft.id, reviewActor(principal, role), body);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.cycle_opened',
      details: { cycleId: cycle.id, name: cycle.name, baseVersionId: cycle.baseVersion.id },
    });
    return c.json({ cycle }, 201);
  });

  app.get(one, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json(await review.cycles.get(draft.id, c.req.param('cycleId'), reviewActor(principal, role)));
  });

  app.post(`${one}/phase`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'review:move-phase');
    const { to } = await parseBody(c, movePhaseBody);
    const cycle = await review.cycles.movePhase(draft.id, c.req.param('cycleId'), reviewActor(principal, role), to);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.phase_changed',
      details: { cycleId: cycle.id, phase: to },
    });
    return c.json({ cycle });
  });

  app.post(`${one}/visit`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json({
      lastVisitAt: await review.cycles.visit(draft.id, c.req.param('cycleId'), reviewActor(principal, role)),
    });
  });

  app.get(`${one}/compilation`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const { format } = parseQuery(c, compilationQuery);
    const compilation = await review.cycles.compilation(draft.id, c.req.param('cycleId'), reviewActor(principal, role));
    if (format === 'json') return c.json(compilation);
    // The Word, PDF and Akoma Ntoso renderers are loaded on first use (see renderExport).
    c.header(
      'Content-Disposition',
      attachment(exportFileName(draft.title, [compilation.cycle.name, 'compilation'], format)),
    );
    c.header('Content-Type', format === 'docx' ? DOCX : 'application/pdf');
    return c.body(
      new Uint8Array(
        format === 'docx'
          ? await (
              await import('../../../review/exports/compilationDocx')
            ).renderCompilationDocx(draft.title, compilation, new Taxonomy(draft.pillars))
          : await (
              await import('../../../review/exports/compilationPdf')
            ).renderCompilationPdf(draft.title, compilation, new Taxonomy(draft.pillars)),
      ),
    );
  });

  app.get(`${one}/amendments/export`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const { format } = parseQuery(c, amendmentsExportQuery);
    // The record of the review: tabled amendments only, never a delegation's unsubmitted drafts.
    const { cycle, amendments } = await review.cycles.get(
      draft.id,
      c.req.param('cycleId'),
      reviewActor(principal, role),
    );
    const tabled = amendments.filter((a) => a.number !== null).sort((a, b) => a.number! - b.number!);
    c.header('Content-Disposition', attachment(exportFileName(draft.title, [cycle.name, 'amendments'], format)));
    if (format === 'json')
      return c.json({
        draft: { id: draft.id, title: draft.title },
        cycle,
        exportedAt: new Date().toISOString(),
        amendments: tabled,
      });
    if (format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(renderAmendmentsCsv(cycle, tabled));
    }
    c.header('Content-Type', DOCX);
    return c.body(
      new Uint8Array(
        await (
          await import('../../../review/exports/amendmentsDocx')
        ).renderAmendmentsDocx(draft.title, cycle, tabled, new Taxonomy(draft.pillars)),
      ),
    );
  });

  app.post(`${one}/amendments`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'amendment:propose');
    const body = await parseBody(c, newAmendmentBody, amendmentDocuments);
    const created = await review.amendments.propose(
      draft.id,
      c.req.param('cycleId'),
      reviewActor(principal, role),
      body,
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.amendment_proposed',
      details: { cycleId: created.cycleId, amendmentId: created.id, clauseId: created.clauseId, kind: created.kind },
    });
    return c.json({ amendment: created }, 201);
  });

  app.get(amendment, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json({
      amendment: await review.amendments.get(
        draft.id,
        c.req.param('cycleId'),
        c.req.param('amendmentId'),
        reviewActor(principal, role),
      ),
    });
  });

  app.get(`${amendment}/akn`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const actor = reviewActor(principal, role);
    const found = await review.amendments.get(draft.id, c.req.param('cycleId'), c.req.param('amendmentId'), actor);
    const cycle = await review.cycles.summary(draft.id, c.req.param('cycleId'), actor);
    c.header('Content-Type', 'application/akn+xml; charset=utf-8');
    c.header(
      'Content-Disposition',
      attachment(exportFileName(draft.title, [cycle.name, 'amendment', found.label], 'akn.xml')),
    );
    const { renderAmendmentAkn } = await import('../../../review/exports/amendmentAkn');
    return c.body(
      renderAmendmentAkn({
        draftTitle: draft.title,
        draftId: draft.id,
        cycle,
        amendment: found,
        baseClauseNumber: found.clauseNumber,
        taxonomy: new Taxonomy(draft.pillars),
      }),
    );
  });

  app.patch(amendment, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'amendment:edit');
    const body = await parseBody(c, editAmendmentBody, amendmentDocuments);
    const edited = await review.amendments.edit(
      draft.id,
      c.req.param('cycleId'),
      c.req.param('amendmentId'),
      reviewActor(principal, role),
      body,
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.amendment_edited',
      details: { amendmentId: edited.id },
    });
    return c.json({ amendment: edited });
  });

  app.post(`${amendment}/status`, async (c) => {
    const access = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const { draft, principal, role } = access;
    const body = await parseBody(c, statusBody, statusDocuments);
    // Who may make this change (or, to a status no change leads to, any) before the amendment is read.
    requireAction(access, statusAction(body.to) ?? STATUS_ACTIONS);
    const changed = await review.amendments.changeStatus(
      draft.id,
      c.req.param('cycleId'),
      c.req.param('amendmentId'),
      reviewActor(principal, role),
      body,
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.amendment_status',
      details: {
        amendmentId: changed.id,
        label: changed.label,
        status: changed.status,
        decision: body.decision ?? null,
      },
    });
    return c.json({ amendment: changed });
  });

  app.post(`${amendment}/adoption-preview`, async (c) => {
    const access = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    requireAction(access, 'amendment:decide');
    const body = await parseBody(c, adoptionPreviewBody, adoptionPreviewDocuments);
    return c.json(
      await review.amendments.adoptionPreview(
        access.draft.id,
        c.req.param('cycleId'),
        c.req.param('amendmentId'),
        reviewActor(access.principal, access.role),
        body.revised,
      ),
    );
  });

  app.post(`${amendment}/co-sponsors`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'amendment:co-sponsor');
    const changed = await review.support.requestCoSponsorship(
      draft.id,
      c.req.param('cycleId'),
      c.req.param('amendmentId'),
      reviewActor(principal, role),
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.co_sponsor_requested',
      details: { amendmentId: changed.id, affiliationId: principal.affiliation.id },
    });
    return c.json({ amendment: changed });
  });

  app.post(`${amendment}/co-sponsors/:affiliationId`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(
      c,
      storage,
      c.req.param('id'),
      'amendment:answer-co-sponsor',
    );
    const { accept } = await parseBody(c, answerCoSponsorBody);
    const changed = await review.support.answerCoSponsorship(
      draft.id,
      c.req.param('cycleId'),
      c.req.param('amendmentId'),
      c.req.param('affiliationId'),
      reviewActor(principal, role),
      accept,
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: accept ? 'review.co_sponsor_accepted' : 'review.co_sponsor_declined',
      details: { amendmentId: changed.id, affiliationId: c.req.param('affiliationId') },
    });
    return c.json({ amendment: changed });
  });

  app.delete(`${amendment}/co-sponsors/:affiliationId`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(
      c,
      storage,
      c.req.param('id'),
      'amendment:leave-co-sponsorship',
    );
    const changed = await review.support.leaveCoSponsorship(
      draft.id,
      c.req.param('cycleId'),
      c.req.param('amendmentId'),
      c.req.param('affiliationId'),
      reviewActor(principal, role),
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.co_sponsor_withdrawn',
      details: { amendmentId: changed.id, affiliationId: c.req.param('affiliationId') },
    });
    return c.json({ amendment: changed });
  });

  app.put(`${amendment}/statement`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(
      c,
      storage,
      c.req.param('id'),
      'amendment:state-position',
    );
    const body = await parseBody(c, statementBody);
    const changed = await review.support.state(
      draft.id,
      c.req.param('cycleId'),
      c.req.param('amendmentId'),
      reviewActor(principal, role),
      body,
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.statement',
      details: { amendmentId: changed.id, stance: body.stance },
    });
    return c.json({ amendment: changed });
  });

  app.delete(`${amendment}/statement`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(
      c,
      storage,
      c.req.param('id'),
      'amendment:state-position',
    );
    const changed = await review.support.state(
      draft.id,
      c.req.param('cycleId'),
      c.req.param('amendmentId'),
      reviewActor(principal, role),
      null,
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.statement_withdrawn',
      details: { amendmentId: changed.id },
    });
    return c.json({ amendment: changed });
  });

  app.get(`${one}/consolidation`, async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const { keep } = parseQuery(c, consolidationQuery);
    return c.json(await review.consolidation.plan(draft.id, c.req.param('cycleId'), keep));
  });

  app.put(`${one}/resolutions/:clauseId`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(
      c,
      storage,
      c.req.param('id'),
      'review:resolve-conflict',
    );
    const body = await parseBody(c, resolutionBody, resolutionDocuments);
    const plan = await review.consolidation.putResolution(
      draft.id,
      c.req.param('cycleId'),
      reviewActor(principal, role),
      c.req.param('clauseId'),
      body,
      parseQuery(c, consolidationQuery).keep,
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.conflict_resolved',
      details: { cycleId: c.req.param('cycleId'), clauseId: c.req.param('clauseId') },
    });
    return c.json(plan);
  });

  app.delete(`${one}/resolutions/:clauseId`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(
      c,
      storage,
      c.req.param('id'),
      'review:resolve-conflict',
    );
    const plan = await review.consolidation.deleteResolution(
      draft.id,
      c.req.param('cycleId'),
      reviewActor(principal, role),
      c.req.param('clauseId'),
      parseQuery(c, consolidationQuery).keep,
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.resolution_cleared',
      details: { cycleId: c.req.param('cycleId'), clauseId: c.req.param('clauseId') },
    });
    return c.json(plan);
  });

  app.put(`${one}/live-changes/:changeId`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'review:consolidate');
    const { decision } = await parseBody(c, liveChangeDecisionBody);
    const plan = await review.consolidation.putLiveChangeDecision(
      draft.id,
      c.req.param('cycleId'),
      reviewActor(principal, role),
      c.req.param('changeId'),
      decision,
      parseQuery(c, consolidationQuery).keep,
    );
    return c.json(plan);
  });

  app.post(`${one}/consolidate`, async (c) => {
    const { draft, principal, role } = await requireDraftAccess(c, storage, c.req.param('id'), 'review:consolidate');
    const body = await parseBody(c, consolidateBody);
    const result = await review.consolidation.consolidate(
      draft.id,
      c.req.param('cycleId'),
      reviewActor(principal, role),
      body,
    );
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'review.consolidated',
      details: {
        cycleId: result.cycle.id,
        versionId: result.version.id,
        label: result.version.label,
        liveChanges: body.liveChanges,
        addedClauses: body.addedClauses,
      },
    });
    return c.json(result);
  });

  return app;
}
