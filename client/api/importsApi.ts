import { z } from 'zod';
import type { DraftSummary } from '../../shared/api';
import type { ImportedBlock, ImportedClause, ImportedKindReason, ImportPreview } from '../../shared/importPreview';
import type { PillarKey } from '../../shared/pillars';
import { draftSummarySchema } from './draftsApi';
import { requestJson } from './requestJson';
import { pillarKeySchema } from './textSchemas';

export type { ImportedBlock, ImportedClause, ImportedKindReason, ImportPreview };

/** What `POST /api/imports` creates from JSON: the preview as the person corrected it. */
export interface ImportSpec {
  title: string;
  preamble: { text: string; blocks: ImportedBlock[]; pillars: PillarKey[] }[];
  operative: { text: string; blocks: ImportedBlock[]; pillars: PillarKey[] }[];
}

const clauseSchema: z.ZodType<ImportedClause> = z.object({
  number: z.string(),
  sourceNumber: z.string().nullable(),
  text: z.string(),
  blocks: z.array(z.object({ letter: z.string().nullable(), text: z.string() })),
  pillars: z.array(pillarKeySchema),
  kindFrom: z.enum(['numbering', 'heading', 'wording']),
});

const previewSchema: z.ZodType<ImportPreview> = z.object({
  title: z.string(),
  preamble: z.array(clauseSchema),
  operative: z.array(clauseSchema),
  warnings: z.array(z.string()),
});

/**
 * Reads a .docx, Markdown or text file on the server and answers what a draft made from it would
 * hold; nothing is created. Rejects with the server's reason: `invalid_docx`, `file_too_large`
 * (413), `unsupported_file` (415), `empty_file`, `no_clauses` or `too_many_clauses` (422).
 */
export async function previewImport(file: File, signal?: AbortSignal): Promise<ImportPreview> {
  const form = new FormData();
  form.set('file', file, file.name);
  const { preview } = await requestJson('/api/imports/preview', z.object({ preview: previewSchema }), {
    method: 'POST',
    form,
    signal,
  });
  return preview;
}

/** Creates a draft from a (corrected) preview; the caller becomes its chair. */
export async function createImportedDraft(spec: ImportSpec): Promise<DraftSummary> {
  const { draft } = await requestJson('/api/imports', z.object({ draft: draftSummarySchema }), {
    method: 'POST',
    json: spec,
  });
  return draft;
}
