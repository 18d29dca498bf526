import { z } from 'zod';
import { DRAFT_ID_PATTERN } from '../../../../shared/collab';
import { MAX_TITLE_LENGTH } from '../../../../shared/limits';
import { DRAFT_TEMPLATE_KEYS } from '../../../../shared/templates';

const title = z
  .string()
  .trim()
  .min(1, 'a title is required')
  .max(MAX_TITLE_LENGTH, `at most ${MAX_TITLE_LENGTH} characters`);

/** `POST /api/drafts` */
export const createDraftBody = z.strictObject({ title, template: z.enum(DRAFT_TEMPLATE_KEYS).default('blank') });

/** `PATCH /api/drafts/:id`: rename, archive or restore. */
export const patchDraftBody = z
  .strictObject({ title: title.optional(), archived: z.boolean().optional() })
  .refine((body) => body.title !== undefined || body.archived !== undefined, 'give a title or archived');

/** `GET /api/drafts` */
export const listDraftsQuery = z.object({ archived: z.enum(['true', 'false']).default('false') });

/** `:id` path parameter. */
export const draftIdParam = z.string().regex(DRAFT_ID_PATTERN);
