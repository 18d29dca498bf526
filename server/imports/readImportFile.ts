import { MAX_IMPORT_BYTES, formatImportLimit } from '../../shared/importLimits';
import { previewFromSpec } from '../../shared/importPreview';
import { ApiError } from '../errors';
import type { ImportPreview, ReadLines } from './ImportPreview';
import { readTextLines } from './readTextLines';
import { namePillars } from './importedPillars';
import { recognizeClauses } from './recognizeClauses';

/** The media type of a .docx file. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The kinds of file a draft can be imported from. */
export type ImportSource = 'docx' | 'markdown' | 'text' | 'akn';

/** Media types an Akoma Ntoso file may come with. */
const XML_TYPES = new Set(['application/akn+xml', 'application/xml', 'text/xml']);

/** A file to import, as it came in: its bytes, and its name and media type if the sender gave them. */
export interface ImportFile {
  bytes: Uint8Array;
  fileName: string | null;
  contentType: string | null;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** Formats people may try that cannot be imported, with what to do instead. */
const UNSUPPORTED = /\.(?:doc|odt|rtf|pdf|pages)$/i;

function extensionOf(fileName: string | null): string {
  return /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase() ?? '';
}

/** Which reader a file needs, from its name, its media type and, failing those, its first bytes. */
function sourceOf(file: ImportFile): ImportSource {
  const extension = extensionOf(file.fileName);
  const type = (file.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (extension === 'docx' || type === DOCX_MEDIA_TYPE || ZIP_SIGNATURE.every((byte, i) => file.bytes[i] === byte))
    return 'docx';
  if (
    UNSUPPORTED.test(file.fileName ?? '') ||
    type === 'application/msword' ||
    type === 'application/pdf' ||
    type === 'application/rtf'
  ) {
    throw new ApiError(
      415,
      'unsupported_file',
      'Only .docx, Markdown (.md), plain-text (.txt) and Akoma Ntoso (.xml) files can be imported. Save the document as .docx and try again.',
    );
  }
  if (extension === 'txt' || type === 'text/plain') return 'text';
  if (extension === 'xml' || extension === 'akn' || XML_TYPES.has(type)) return 'akn';
  // Named for neither: an XML declaration or an Akoma Ntoso root at the start says what it is.
  const start = new TextDecoder()
    .decode(file.bytes.subarray(0, 200))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (start.startsWith('<?xml') || start.startsWith('<akomaNtoso')) return 'akn';
  return 'markdown';
}

function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = '\u0000';
  }
  if (text.includes('\u0000')) {
    throw new ApiError(
      415,
      'unsupported_file',
      'This file is neither a .docx nor UTF-8 text. Import a .docx, Markdown (.md), plain-text (.txt) or Akoma Ntoso (.xml) file.',
    );
  }
  return text;
}

/**
 * Reads an uploaded file into a preview of the draft it would create, without creating
 * anything: checks its size against MAX_IMPORT_BYTES (413 `file_too_large`), picks the reader
 * for .docx, Markdown or plain text and recognises the structure, or reads an Akoma Ntoso file's
 * structure as it is. Every refusal is an ApiError
 * with a sentence saying what to do.
 */
export async function readImportFile(file: ImportFile): Promise<{ preview: ImportPreview; source: ImportSource }> {
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new ApiError(
      413,
      'file_too_large',
      `The file is larger than ${formatImportLimit()}, the most that can be imported.`,
    );
  }
  if (file.bytes.byteLength === 0) throw new ApiError(400, 'empty_file', 'The file is empty.');
  const source = sourceOf(file);
  if (source === 'akn') {
    // Structured: nothing to recognise, every kind and level is in the file (see readAkn).
    // Loaded on the first such import, as the Word reader is (see exports/renderExport).
    const { spec, warnings, pillars } = (await import('./readAkn')).readAkn(decodeText(file.bytes));
    return { preview: namePillars(previewFromSpec(spec, warnings), pillars), source };
  }
  // The Word reader is loaded on the first Word import, not with the server (see exports/renderExport).
  const read: ReadLines =
    source === 'docx'
      ? (await import('./readDocxLines')).readDocxLines(file.bytes)
      : readTextLines(decodeText(file.bytes), source);
  const fallbackTitle =
    (file.fileName ?? '')
      .replace(/\.[a-z0-9]+$/i, '')
      .replace(/[_-]+/g, ' ')
      .trim() || 'Imported draft';
  const preview = namePillars(recognizeClauses(read.lines, { fallbackTitle }));
  return { preview: { ...preview, warnings: [...read.warnings, ...preview.warnings] }, source };
}
