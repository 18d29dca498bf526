import { z } from 'zod';
import { DRAFT_ID_PATTERN } from '../../../../shared/collab';
import { MAX_TITLE_LENGTH } from '../../../../shared/limits';
import type { Pillar } from '../../../../shared/pillars';
import {
  MAX_PILLARS_PER_DRAFT,
  PILLAR_LIMITS,
  PILLAR_TEMPLATES,
  completePillars,
  taxonomyProblems,
} from '../../../../shared/pillars';
import { DRAFT_TEMPLATE_KEYS } from '../../../../shared/templates';

const title = z
  .string()
  .trim()
  .min(1, 'a title is required')
  .max(MAX_TITLE_LENGTH, `at most ${MAX_TITLE_LENGTH} characters`);

/** A pillar as the chair writes it; key, short code, description and colour are derived when left out. */
const pillarInput = z.strictObject({
  key: z.string().max(PILLAR_LIMITS.key).optional(),
  label: z.string().max(PILLAR_LIMITS.label),
  short: z.string().max(PILLAR_LIMITS.short).optional(),
  description: z.string().max(PILLAR_LIMITS.description).optional(),
  color: z.string().max(7).optional(),
});

/** A whole taxonomy: completed, then checked (unique keys and short codes, colours, lengths). */
export const pillarList = z
  .array(pillarInput)
  .max(MAX_PILLARS_PER_DRAFT, `a draft has at most ${MAX_PILLARS_PER_DRAFT} pillars`)
  .transform((inputs, ctx): Pillar[] => {
    const pillars = completePillars(inputs);
    for (const message of taxonomyProblems(pillars)) ctx.addIssue({ code: 'custom', message });
    return pillars;
  });

const templateIds = PILLAR_TEMPLATES.map((template) => template.id) as [string, ...string[]];

/** A draft's pillars at creation or import: a template's id, or the pillars themselves (then checked as a whole). */
export const pillarsChoice = z
  .union([z.enum(templateIds), z.array(pillarInput).max(MAX_PILLARS_PER_DRAFT)])
  .transform((choice, ctx): Pillar[] => {
    if (typeof choice === 'string') return [...PILLAR_TEMPLATES.find((template) => template.id === choice)!.pillars];
    const pillars = completePillars(choice);
    for (const message of taxonomyProblems(pillars)) ctx.addIssue({ code: 'custom', message });
    return pillars;
  });

/** `POST /api/drafts`; without `pillars`, the draft has the first template's. */
export const createDraftBody = z.strictObject({
  title,
  template: z.enum(DRAFT_TEMPLATE_KEYS).default('blank'),
  pillars: pillarsChoice.prefault(PILLAR_TEMPLATES[0]!.id),
});

/**
 * `PUT /api/drafts/:id/pillars`: the draft's taxonomy as it should be. Keys present before keep
 * their clauses' tags (a rename); for a removed pillar that clauses carry, `removed` says what
 * becomes of their tags: moved to another pillar (its key) or dropped (null).
 */
export const putPillarsBody = z.strictObject({
  pillars: pillarList,
  removed: z.record(z.string().max(PILLAR_LIMITS.key), z.string().max(PILLAR_LIMITS.key).nullable()).default({}),
});

/** `PATCH /api/drafts/:id`: rename, archive or restore. */
export const patchDraftBody = z
  .strictObject({ title: title.optional(), archived: z.boolean().optional() })
  .refine((body) => body.title !== undefined || body.archived !== undefined, 'give a title or archived');

/** `GET /api/drafts` */
export const listDraftsQuery = z.object({ archived: z.enum(['true', 'false']).default('false') });

/** `:id` path parameter. */
export const draftIdParam = z.string().regex(DRAFT_ID_PATTERN);
