import type { ClauseStatus } from './clauses';
import type { PillarKey } from './pillars';

/**
 * The plain ProseMirror JSON shape of a draft, used to build documents without an editor
 * (seeding, templates, imports).
 */
export interface DraftJSON {
  type: 'doc';
  content: [TitleJSON, SectionJSON<'preamble'>, SectionJSON<'operative'>];
}

export interface TitleJSON {
  type: 'title';
  content?: TextJSON[];
}

export interface TextJSON {
  type: 'text';
  text: string;
}

export interface ParagraphJSON {
  type: 'paragraph';
  content?: TextJSON[];
}

export interface SubparagraphJSON {
  type: 'subparagraph';
  content: [ParagraphJSON];
}

export interface SectionJSON<T extends 'preamble' | 'operative'> {
  type: T;
  content: ClauseJSON[];
}

export interface ClauseJSON {
  type: 'clause';
  attrs: { id: string; pillars: PillarKey[]; status: ClauseStatus };
  content: [ParagraphJSON, ...(ParagraphJSON | SubparagraphJSON)[]];
}

/** A clause written as plain text: its opening words, optional lettered sub-paragraphs, pillars and status. */
export interface ClauseSpec {
  text: string;
  subparagraphs?: readonly string[];
  pillars?: readonly PillarKey[];
  status?: ClauseStatus;
}

/** A draft written as plain text. */
export interface DraftSpec {
  title: string;
  preamble: readonly (ClauseSpec | string)[];
  operative: readonly (ClauseSpec | string)[];
}

function paragraph(text: string): ParagraphJSON {
  return { type: 'paragraph', ...(text ? { content: [{ type: 'text', text }] } : {}) };
}

/** Builds the JSON of a draft from its plain-text spec, giving every clause a fresh id from `newId`. */
export function draftFromSpec(spec: DraftSpec, newId: () => string): DraftJSON {
  const clause = (entry: ClauseSpec | string): ClauseJSON => {
    const c: ClauseSpec = typeof entry === 'string' ? { text: entry } : entry;
    return {
      type: 'clause',
      attrs: { id: newId(), pillars: [...(c.pillars ?? [])], status: c.status ?? 'open' },
      content: [
        paragraph(c.text),
        ...(c.subparagraphs ?? []).map((text): SubparagraphJSON => ({
          type: 'subparagraph',
          content: [paragraph(text)],
        })),
      ],
    };
  };
  return {
    type: 'doc',
    content: [
      { type: 'title', ...(spec.title ? { content: [{ type: 'text', text: spec.title }] } : {}) },
      { type: 'preamble', content: (spec.preamble.length ? spec.preamble : ['']).map(clause) },
      { type: 'operative', content: (spec.operative.length ? spec.operative : ['']).map(clause) },
    ],
  };
}
