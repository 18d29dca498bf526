import { z } from 'zod';

/** `GET /api/drafts/:id/history` and `/audit`: how many entries, newest first. */
export const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** `GET /api/drafts/:id/history/redline`: one clause over a run of history entries, `from` to `to` (ids, both included). */
export const redlineQuery = z
  .object({
    clause: z.string().min(1).max(64),
    from: z.coerce.number().int().min(1),
    to: z.coerce.number().int().min(1),
  })
  .refine((query) => query.from <= query.to, { message: 'from must not be after to' });
