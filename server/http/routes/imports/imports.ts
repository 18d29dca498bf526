import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiErrorBody, DraftSummary } from '../../../../shared/api';
import { MAX_IMPORT_BYTES, formatImportLimit } from '../../../../shared/importLimits';
import type { Principal } from '../../../auth/AuthService';
import { ApiError } from '../../../errors';
import type { DraftSpec } from '../../../../shared/draftText';
import { specFromPreview } from '../../../../shared/importPreview';
import { importedDraft } from '../../../imports/importedDraft';
import { requireDraftPillars } from '../../../drafts/draftPillars';
import type { Pillar } from '../../../../shared/pillars';
import type { ImportFile } from '../../../imports/readImportFile';
import { readImportFile } from '../../../imports/readImportFile';
import { audit } from '../../../Services';
import type { Services } from '../../../Services';
import { requirePrincipal } from '../../access';
import type { AppEnv } from '../../AppEnv';
import { parseBody, parseQuery } from '../../validate';
import { importFileQuery, importFormFields, importSpecBody } from './schema';

/** Room for the multipart envelope (boundaries, headers, a title field) around a file of the largest size. */
const MULTIPART_ALLOWANCE = 64 * 1024;

/** Only people who may create drafts may import one (or have a file read for a preview). */
function requireCreator(c: Context<AppEnv>): Principal {
  const principal = requirePrincipal(c);
  if (!principal.user.canCreateDrafts) {
    throw new ApiError(
      403,
      'forbidden',
      'Your account cannot create drafts. Ask the secretariat to create one and invite you.',
    );
  }
  return principal;
}

/** The uploaded file, sent either as the form field `file` (multipart/form-data) or as the raw body with its media type. */
async function readUpload(c: Context<AppEnv>): Promise<{ file: ImportFile; title: string | undefined }> {
  const type = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new ApiError(
        400,
        'invalid_upload',
        'The upload could not be read. Send the file as the form field "file".',
      );
    }
    const file = form.file;
    if (!(file instanceof File))
      throw new ApiError(400, 'no_file', 'Attach the file to import as the form field "file".');
    const fields = importFormFields.safeParse({
      title: typeof form.title === 'string' && form.title.trim() ? form.title : undefined,
    });
    if (!fields.success)
      throw new ApiError(
        400,
        'invalid_request',
        `The title is not valid: ${fields.error.issues.map((issue) => issue.message).join('; ')}.`,
      );
    return {
      file: {
        bytes: new Uint8Array(await file.arrayBuffer()),
        fileName: file.name || null,
        contentType: file.type || null,
      },
      title: fields.data.title,
    };
  }
  const query = parseQuery(c, importFileQuery);
  return {
    file: {
      bytes: new Uint8Array(await c.req.arrayBuffer()),
      fileName: query.filename ?? null,
      contentType: type || null,
    },
    title: query.title,
  };
}

/**
 * `/api/imports`: a draft from a .docx, Markdown or plain-text file. `POST /preview` reads the
 * file and answers what would be created (title, opening formula, preambular and operative
 * clauses with their points at every level, headings, footnotes, annexes, warnings) without
 * creating anything; `POST /` creates the draft, from the file again or from the previewed draft
 * as the person corrected it (a DraftSpec, built by `specFromPreview`), and makes the caller its
 * chair, as `POST /api/drafts` does. Everything is read and checked before the draft is
 * created, so a refused import leaves nothing behind. Uploads may be up to MAX_IMPORT_BYTES.
 */
export function importRoutes(services: Services): Hono<AppEnv> {
  const { drafts } = services;
  const app = new Hono<AppEnv>();

  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES + MULTIPART_ALLOWANCE,
      onError: (c) =>
        c.json<ApiErrorBody>(
          {
            error: 'file_too_large',
            message: `The file is larger than ${formatImportLimit()}, the most that can be imported.`,
          },
          413,
        ),
    }),
  );

  app.post('/preview', async (c) => {
    requireCreator(c);
    const upload = await readUpload(c);
    const { preview, source } = await readImportFile(upload.file);
    return c.json({ preview: { ...preview, title: upload.title ?? preview.title }, source });
  });

  app.post('/', async (c) => {
    const principal = requireCreator(c);
    let spec: DraftSpec;
    let pillars: Pillar[];
    let source: string;
    let warnings: string[] = [];
    if (/^application\/json/i.test(c.req.header('content-type') ?? '')) {
      ({ pillars, ...spec } = await parseBody(c, importSpecBody));
      source = 'preview';
    } else {
      const upload = await readUpload(c);
      const read = await readImportFile(upload.file);
      spec = { ...specFromPreview(read.preview), title: upload.title ?? read.preview.title };
      pillars = read.preview.pillars;
      source = read.source;
      warnings = read.preview.warnings;
    }
    const clauses = [...spec.preamble, ...spec.operative, ...(spec.annexes ?? []).flatMap((annex) => annex.clauses)];
    requireDraftPillars(
      pillars,
      clauses.flatMap((entry) => (typeof entry === 'object' && 'pillars' in entry ? (entry.pillars ?? []) : [])),
    );
    const draft = await drafts.create(spec.title, {
      content: importedDraft(spec),
      chairId: principal.user.id,
      pillars,
    });
    await audit(services, {
      actorId: principal.user.id,
      draftId: draft.id,
      action: 'draft.imported',
      details: {
        title: spec.title,
        source,
        clauses: clauses.filter((entry) => typeof entry === 'string' || !('division' in entry)).length,
        annexes: spec.annexes?.length ?? 0,
      },
    });
    const summary: DraftSummary = {
      id: draft.id,
      title: draft.title,
      createdAt: draft.createdAt,
      updatedAt: draft.updatedAt,
      archivedAt: draft.archivedAt,
      role: 'chair',
      facilitatorMode: false,
      pillars: draft.pillars,
    };
    return c.json({ draft: summary, warnings }, 201);
  });

  return app;
}
