import type { PillarInput } from '../../shared/pillars';
import { z } from 'zod';
import type { DraftSummary } from '../../shared/api';
import type { DraftSpec } from '../../shared/draftText';
import type {
  ImportedAnnex,
  ImportedBlock,
  ImportedClause,
  ImportedDivision,
  ImportedEntry,
  ImportedKindReason,
  ImportPreview,
} from '../../shared/importPreview';
import { DIVISION_LEVELS } from '../../shared/structure';
import { draftSummarySchema } from './draftsApi';
import { requestJson } from './requestJson';
import { pillarKeySchema, pillarSchema } from './textSchemas';

export type {
  ImportedAnnex,
  ImportedBlock,
  ImportedClause,
  ImportedDivision,
  ImportedEntry,
  ImportedKindReason,
  ImportPreview,
};

/** What `POST /api/imports` creates from JSON: the previewed draft as the person corrected it (see `specFromPreview`). */
export type ImportSpec = DraftSpec & { pillars: PillarInput[] };

const blockSchema: z.ZodType<ImportedBlock> = z.object({
  level: z.number().int().min(0),
  label: z.string().nullable(),
  sourceLabel: z.string().nullable(),
  text: z.string(),
  unsure: z.boolean().optional(),
});

const clauseSchema: z.ZodType<ImportedClause> = z.object({
  type: z.literal('clause'),
  number: z.string(),
  sourceNumber: z.string().nullable(),
  text: z.string(),
  blocks: z.array(blockSchema),
  pillars: z.array(pillarKeySchema),
  kindFrom: z.enum(['numbering', 'heading', 'wording', 'structure']),
});

const divisionSchema: z.ZodType<ImportedDivision> = z.object({
  type: z.literal('division'),
  level: z.enum(DIVISION_LEVELS),
  number: z.string(),
  sourceNumber: z.string().nullable(),
  text: z.string(),
});

const entrySchema: z.ZodType<ImportedEntry> = z.union([clauseSchema, divisionSchema]);

const annexSchema: z.ZodType<ImportedAnnex> = z.object({
  label: z.string(),
  sourceLabel: z.string().nullable(),
  title: z.string(),
  entries: z.array(entrySchema),
});

const previewSchema: z.ZodType<ImportPreview> = z.object({
  title: z.string(),
  formula: z.string().nullable(),
  preamble: z.array(clauseSchema),
  operative: z.array(entrySchema),
  annexes: z.array(annexSchema),
  warnings: z.array(z.string()),
  pillars: z.array(pillarSchema),
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
