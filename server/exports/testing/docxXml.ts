import { strFromU8, unzipSync } from 'fflate';

/** The main part (`word/document.xml`) of a .docx file, unzipped (for tests). */
export function docxDocumentXml(docx: Uint8Array): string {
  return strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
}

/**
 * The run properties (`w:rPr`) of the run whose whole text is `text` (its `w:t`, or its `w:delText`
 * in a tracked deletion), as written in the XML (escaped); throws when there is none.
 */
export function runProperties(xml: string, text: string): string {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(
    `<w:r><w:rPr>((?:(?!</w:rPr>).)*)</w:rPr><w:(t|delText) xml:space="preserve">${escaped}</w:\\2></w:r>`,
  ).exec(xml);
  if (!match) throw new Error(`no formatted run "${text}" in the document`);
  return match[1]!;
}
