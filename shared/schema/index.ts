import type { AnyExtension } from '@tiptap/core';
import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { Bold } from '@tiptap/extension-bold';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Italic } from '@tiptap/extension-italic';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Text } from '@tiptap/extension-text';
import { Clause } from './Clause';
import { DraftDocument } from './DraftDocument';
import { DraftTitle } from './DraftTitle';
import { OperativeSection } from './OperativeSection';
import { PreambleSection } from './PreambleSection';
import { Subparagraph } from './Subparagraph';

/**
 * Every node and mark of a draft's text. The browser editor and the server's headless schema are
 * both built from this one list, so the server, the editor and every export agree on the model.
 */
export const draftExtensions: AnyExtension[] = [
  DraftDocument,
  DraftTitle,
  PreambleSection,
  OperativeSection,
  Clause,
  Subparagraph,
  Paragraph,
  Text,
  HardBreak,
  Bold,
  Italic,
];

/** The ProseMirror schema of a draft, built headlessly from {@link draftExtensions}. */
export function draftSchema(): Schema {
  return getSchema(draftExtensions);
}

export { Clause, DraftDocument, DraftTitle, OperativeSection, PreambleSection, Subparagraph };
