import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { z } from 'zod';
import { MAX_IMPORT_UNPACKED_BYTES, formatImportLimit } from '../../shared/importLimits';
import { ApiError } from '../errors';
import type { ImportLine } from './ImportPreview';

/** The part of mammoth's document model the importer reads; everything else is ignored. */
interface DocxElement {
  type: string;
  value?: string | undefined;
  styleName?: string | null | undefined;
  numbering?: { isOrdered: boolean; level: string | number } | null | undefined;
  children?: DocxElement[] | undefined;
}

/** mammoth hands its document model over untyped: it is checked here, at the boundary. */
const docxElement: z.ZodType<DocxElement> = z.lazy(() =>
  z.object({
    type: z.string(),
    value: z.string().optional(),
    styleName: z.string().nullish(),
    numbering: z.object({ isOrdered: z.boolean(), level: z.union([z.string(), z.number()]) }).nullish(),
    children: z.array(docxElement).optional(),
  }),
);

function invalidDocx(detail: string): ApiError {
  return new ApiError(
    400,
    'invalid_docx',
    `This file is not a Word document that can be read (${detail}). Save it as .docx from Word or LibreOffice and try again.`,
  );
}

/**
 * Checks that the bytes are a zip holding a Word document, from the zip's directory alone (no
 * entry is unpacked), and that it does not unpack to more than MAX_IMPORT_UNPACKED_BYTES.
 */
function checkPackage(bytes: Uint8Array): void {
  let unpacked = 0;
  let hasDocument = false;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        unpacked += entry.originalSize;
        if (entry.name === 'word/document.xml') hasDocument = true;
        return false;
      },
    });
  } catch {
    throw invalidDocx('it is not a valid .docx package');
  }
  if (!hasDocument) throw invalidDocx('the package has no Word document in it');
  if (unpacked > MAX_IMPORT_UNPACKED_BYTES) {
    throw new ApiError(
      413,
      'file_too_large',
      `This document unpacks to more than ${formatImportLimit(MAX_IMPORT_UNPACKED_BYTES)}, more than a draft can hold.`,
    );
  }
}

function textOf(element: DocxElement): string {
  switch (element.type) {
    case 'text':
      return element.value ?? '';
    case 'tab':
      return '\t';
    case 'break':
      return '\n';
    default:
      return (element.children ?? []).map(textOf).join('');
  }
}

const HEADING_STYLE = /^(?:title|subtitle|heading\s*\d)$/i;

function collectLines(element: DocxElement, lines: ImportLine[]): void {
  if (element.type !== 'paragraph') {
    for (const child of element.children ?? []) collectLines(child, lines);
    return;
  }
  const numbering = element.numbering
    ? { level: Number(element.numbering.level) || 0, ordered: element.numbering.isOrdered }
    : null;
  const heading = HEADING_STYLE.test(element.styleName ?? '');
  // A line break inside a paragraph starts a new line; only the first keeps the paragraph's list numbering.
  textOf(element)
    .split('\n')
    .forEach((text, index) => lines.push({ text, list: index === 0 ? numbering : null, heading }));
}

/**
 * Reads a .docx as lines for the clause recognizer with mammoth: each paragraph's text (body,
 * tables and text boxes in reading order; deleted tracked changes left out), whether Word
 * numbers it as a list item and at which level (automatic numbering is not in the text), and
 * whether it is styled as a title or heading. Throws `invalid_docx` (400) for anything that is
 * not a readable Word document.
 */
export async function readDocxLines(bytes: Uint8Array): Promise<ImportLine[]> {
  checkPackage(bytes);
  let root: unknown;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (element: unknown) => {
          root = element;
          return element;
        },
      },
    );
  } catch {
    throw invalidDocx('its content could not be read');
  }
  const parsed = docxElement.safeParse(root);
  if (!parsed.success) throw invalidDocx('its content has an unexpected structure');
  const lines: ImportLine[] = [];
  collectLines(parsed.data, lines);
  return lines;
}
