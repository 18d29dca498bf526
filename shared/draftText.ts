/**
 * The plain ProseMirror JSON shape of a draft, used to build documents on the server (seeding,
 * templates) without an editor.
 */
export interface DraftJSON {
  type: 'doc';
  content: [TitleJSON, SectionJSON<'preamble'>, SectionJSON<'operative'>];
}

export interface TitleJSON {
  type: 'title';
  content?: { type: 'text'; text: string }[];
}

export interface SectionJSON<T extends 'preamble' | 'operative'> {
  type: T;
  content: ClauseJSON[];
}

export interface ClauseJSON {
  type: 'clause';
  attrs: { id: string };
  content: { type: 'paragraph'; content?: { type: 'text'; text: string }[] }[];
}

/** Builds the JSON of a draft from its title and the plain text of each clause, assigning fresh ids. */
export function draftFromText(
  title: string,
  preamble: string[],
  operative: string[],
  newId: () => string,
): DraftJSON {
  const clause = (text: string): ClauseJSON => ({
    type: 'clause',
    attrs: { id: newId() },
    content: [{ type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) }],
  });
  return {
    type: 'doc',
    content: [
      { type: 'title', ...(title ? { content: [{ type: 'text', text: title }] } : {}) },
      { type: 'preamble', content: (preamble.length ? preamble : ['']).map(clause) },
      { type: 'operative', content: (operative.length ? operative : ['']).map(clause) },
    ],
  };
}
