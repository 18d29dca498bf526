import type { AnyExtension } from '@tiptap/core';
import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { Bold } from '@tiptap/extension-bold';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Italic } from '@tiptap/extension-italic';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Text } from '@tiptap/extension-text';
import { Annex, AnnexTitle } from './Annex';
import { Clause } from './Clause';
import { Division } from './Division';
import { DraftDocument } from './DraftDocument';
import { DraftTitle } from './DraftTitle';
import { Footnote } from './Footnote';
import { Formula } from './Formula';
import { OperativeSection } from './OperativeSection';
import { PreambleSection } from './PreambleSection';
import { Subparagraph } from './Subparagraph';
import { Alternative, Bracket } from './Markers';
import { Deletion, Insertion } from './Suggestion';

/**
 * Every node and mark of a draft's text. The browser editor and the server's headless schema are
 * both built from this one list, so the server, the editor and every export agree on the model.
 */
export const draftExtensions: AnyExtension[] = [
  DraftDocument,
  DraftTitle,
  Formula,
  PreambleSection,
  OperativeSection,
  Annex,
  AnnexTitle,
  Division,
  Clause,
  Subparagraph,
  Paragraph,
  Text,
  HardBreak,
  Footnote,
  Bracket,
  Alternative,
  Bold,
  Italic,
  Insertion,
  Deletion,
];

/** The ProseMirror schema of a draft, built headlessly from {@link draftExtensions}. */
export function draftSchema(): Schema {
  return getSchema(draftExtensions);
}

export {
  Alternative,
  Annex,
  AnnexTitle,
  Bracket,
  Clause,
  Deletion,
  Division,
  DraftDocument,
  DraftTitle,
  Footnote,
  Formula,
  Insertion,
  OperativeSection,
  PreambleSection,
  Subparagraph,
};
