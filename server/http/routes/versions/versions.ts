import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ExportFormat } from '../../../exports/renderExport';
import { renderExport } from '../../../exports/renderExport';
import type { AknOrganization } from '../../../exports/renderAkn';
import { renderRedlineExport } from '../../../exports/renderRedlineExport';
import { renderRedlineHtml } from '../../../exports/renderRedlineHtml';
import type { ExportMode } from '../../../exports/textModel';
import type { OpenItems } from '../../../../shared/openItems';
import type { DocumentRegistry } from '../../../collab/DocumentRegistry';
import { namesOf } from '../../../negotiation/names';
import { openItemsOf } from '../../../negotiation/openItems';
import { readSuggestions } from '../../../suggestions/readSuggestions';
import { ApiError } from '../../../errors';
import { audit } from '../../../Services';
import type { Services } from '../../../Services';
import type { Storage, VersionSummaryRecord } from '../../../storage/Storage';
import { compareTexts } from '../../../versions/redline';
import type { TextSnapshot } from '../../../versions/VersionService';
import { redlineFileName, textFileName } from '../../../../shared/exportFileName';
import { requireDraftAccess } from '../../access';
import { attachment } from '../../contentDisposition';
import type { AppEnv } from '../../AppEnv';
import { parseBody, parseQuery } from '../../validate';
import { compareQuery, createVersionBody, exportQuery, publishBody, publishedExportQuery } from './schema';

/** A version as listed: never its state. */
function summary(version: VersionSummaryRecord) {
  return {
    id: version.id,
    label: version.label,
    note: version.note,
    createdBy: version.createdBy,
    createdAt: version.createdAt,
    published: version.publishedAt !== null,
    publishedAt: version.publishedAt,
  };
}

/** The delegations and organisations of a draft's members, for the Akoma Ntoso references. */
async function organizationsOf(storage: Storage, draftId: string): Promise<AknOrganization[]> {
  const organizations = new Map<string, AknOrganization>();
  for (const membership of await storage.listMemberships(draftId)) {
    const user = await storage.getUser(membership.userId);
    const affiliation = user && (await storage.getAffiliation(user.affiliationId));
    if (affiliation)
      organizations.set(affiliation.id, { id: affiliation.id, name: affiliation.name, code: affiliation.code });
  }
  return [...organizations.values()];
}

/**
 * The negotiation export's way of naming who made each suggestion ("Name (Delegation)"), and its
 * list of the open brackets and alternatives with who holds or supports them now.
 */
async function negotiationMode(
  storage: Storage,
  registry: DocumentRegistry,
  draftId: string,
  snapshot: TextSnapshot,
): Promise<ExportMode> {
  const authors = readSuggestions(snapshot.document).map((suggestion) => suggestion.author);
  const names = await namesOf(storage, authors);
  const open = await openItemsOf(storage, registry, draftId, snapshot);
  const where = (number: string | null) => (number ? `${number}: ` : '');
  return {
    kind: 'negotiation',
    nameOf: (author, delegation) => `${names.user(author).name} (${names.affiliation(delegation).name})`,
    open: open.flatMap((item) =>
      item.kind === 'bracket'
        ? [`${where(item.number)}[${item.text}] — held open by ${item.by}`]
        : item.kind === 'alternative'
          ? [`${where(item.number)}${item.by}`]
          : [],
    ),
  };
}

/** The open suggestions, brackets and alternatives of both texts of a compare. */
async function openItemsOfBoth(
  { storage, registry }: Pick<Services, 'storage' | 'registry'>,
  draftId: string,
  from: TextSnapshot,
  to: TextSnapshot,
): Promise<OpenItems> {
  const [older, newer] = await Promise.all([
    openItemsOf(storage, registry, draftId, from),
    openItemsOf(storage, registry, draftId, to),
  ]);
  return { from: older, to: newer };
}

/** Sends an export as a download. */
async function sendExport(
  c: Context<AppEnv>,
  { storage, registry }: Pick<Services, 'storage' | 'registry'>,
  snapshot: TextSnapshot,
  format: ExportFormat,
  pillars: boolean,
  mode: 'clean' | 'negotiation' = 'clean',
): Promise<Response> {
  const draftId = snapshot.version?.draftId ?? c.req.param('id') ?? '';
  const rendered = await renderExport(snapshot, format, {
    pillars,
    draftId,
    organizations: format === 'akn' ? await organizationsOf(storage, draftId) : [],
    mode: mode === 'negotiation' ? await negotiationMode(storage, registry, draftId, snapshot) : { kind: 'clean' },
  });
  c.header('Content-Type', rendered.contentType);
  c.header(
    'Content-Disposition',
    attachment(textFileName(snapshot.outline.title, snapshot.version?.label ?? null, rendered.extension)),
  );
  return c.body(typeof rendered.body === 'string' ? rendered.body : new Uint8Array(rendered.body));
}

/**
 * `/api/drafts/:id/versions`, `/export` and `/compare`: named versions (the chair saves, restores
 * and publishes them; members read them), exports of the live text or a version, and redlines.
 * `/api/public/versions/:versionId` serves published versions to anyone.
 */
export function versionRoutes(services: Services): { draftScoped: Hono<AppEnv>; published: Hono<AppEnv> } {
  const { storage, versions } = services;
  const draftScoped = new Hono<AppEnv>();

  draftScoped.post('/:id/versions', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'version:manage');
    const body = await parseBody(c, createVersionBody);
    const version = await versions.create(draft.id, principal.user.id, body.label, body.note);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'version.created',
      details: { versionId: version.id, label: version.label },
    });
    return c.json({ version: summary(version) }, 201);
  });

  draftScoped.get('/:id/versions', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    return c.json({ versions: (await storage.listVersions(draft.id)).map(summary) });
  });

  draftScoped.get('/:id/versions/:versionId', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const snapshot = await versions.snapshot(draft.id, c.req.param('versionId'));
    return c.json({
      version: summary(snapshot.version!),
      document: snapshot.document,
      outline: snapshot.outline,
      pillars: snapshot.taxonomy.pillars,
    });
  });

  draftScoped.post('/:id/versions/:versionId/restore', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'version:manage');
    const versionId = c.req.param('versionId');
    await versions.restore(draft.id, versionId, principal.user.id);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'version.restored',
      details: { versionId },
    });
    return c.json({ ok: true });
  });

  draftScoped.post('/:id/versions/:versionId/publish', async (c) => {
    const { draft, principal } = await requireDraftAccess(c, storage, c.req.param('id'), 'version:manage');
    const version = await versions.get(draft.id, c.req.param('versionId'));
    const { published } = await parseBody(c, publishBody);
    await storage.setVersionPublished(version.id, published ? principal.user.id : null, published ? new Date() : null);
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: published ? 'version.published' : 'version.unpublished',
      details: { versionId: version.id },
    });
    const updated = await versions.get(draft.id, version.id);
    return c.json({ version: summary(updated), publicPath: published ? `/public/versions/${version.id}` : null });
  });

  draftScoped.get('/:id/export', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const query = parseQuery(c, exportQuery);
    return sendExport(
      c,
      services,
      await versions.snapshot(draft.id, query.version ?? 'live'),
      query.format,
      query.pillars === 'true',
      query.mode,
    );
  });

  draftScoped.get('/:id/compare', async (c) => {
    const { draft } = await requireDraftAccess(c, storage, c.req.param('id'), 'draft:read');
    const query = parseQuery(c, compareQuery);
    const [from, to] = await Promise.all([
      versions.snapshot(draft.id, query.from),
      versions.snapshot(draft.id, query.to),
    ]);
    const redline = compareTexts(from, to);
    const redlineName = (extension: string, type?: 'inline') =>
      attachment(
        redlineFileName(to.outline.title, from.version?.label ?? null, to.version?.label ?? null, extension),
        type,
      );
    if (query.format === 'html') {
      const open = await openItemsOfBoth(services, draft.id, from, to);
      c.header('Content-Type', 'text/html; charset=utf-8');
      // Shown when opened, as before; saved under its name.
      c.header('Content-Disposition', redlineName('html', 'inline'));
      return c.body(renderRedlineHtml(redline, { from: from.label, to: to.label }, open));
    }
    if (query.format === 'docx' || query.format === 'pdf') {
      const rendered = await renderRedlineExport(redline, query.format, { from: from.label, to: to.label, at: to.at });
      c.header('Content-Type', rendered.contentType);
      c.header('Content-Disposition', redlineName(rendered.extension));
      return c.body(new Uint8Array(rendered.body));
    }
    return c.json({
      from: { label: from.label, versionId: from.version?.id ?? null },
      to: { label: to.label, versionId: to.version?.id ?? null },
      redline,
      open: await openItemsOfBoth(services, draft.id, from, to),
    });
  });

  const published = new Hono<AppEnv>();

  const publishedSnapshot = async (versionId: string): Promise<TextSnapshot> => {
    const version = await storage.getVersion(versionId);
    if (!version || !version.publishedAt)
      throw new ApiError(404, 'version_not_found', 'There is no published version at this address.');
    return versions.snapshot(version.draftId, version.id);
  };

  published.get('/:versionId', async (c) => {
    const snapshot = await publishedSnapshot(c.req.param('versionId'));
    return c.json({
      version: summary(snapshot.version!),
      title: snapshot.outline.title,
      document: snapshot.document,
      outline: snapshot.outline,
      pillars: snapshot.taxonomy.pillars,
    });
  });

  published.get('/:versionId/export', async (c) => {
    const snapshot = await publishedSnapshot(c.req.param('versionId'));
    const query = parseQuery(c, publishedExportQuery);
    return sendExport(c, services, snapshot, query.format, query.pillars === 'true');
  });

  return { draftScoped, published };
}
