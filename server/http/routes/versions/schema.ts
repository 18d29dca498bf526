import { z } from 'zod';
import { EXPORT_FORMATS } from '../../../exports/renderExport';

/** `POST /api/drafts/:id/versions` */
export const createVersionBody = z.strictObject({
  label: z.string().trim().min(1, 'a version needs a label, like "Rev.1"').max(120),
  note: z.string().trim().max(2000).default(''),
});

/** `POST /api/drafts/:id/versions/:versionId/publish` */
export const publishBody = z.strictObject({ published: z.boolean() });

/** `GET /api/drafts/:id/export` */
export const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` }),
  version: z.string().min(1).max(64).optional(),
  pillars: z.enum(['true', 'false']).default('false'),
  /** `clean`: the text as it stands; `negotiation`: open suggestions shown, attributed (docs/exports.md). */
  mode: z.enum(['clean', 'negotiation']).default('clean'),
});

/** `GET /api/drafts/:id/compare` */
export const compareQuery = z.object({
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64).default('live'),
  format: z.enum(['json', 'html', 'docx', 'pdf']).default('json'),
});

/** `GET /api/public/versions/:versionId/export`: as {@link exportQuery}, of the version the path names. */
export const publishedExportQuery = exportQuery.omit({ version: true });
