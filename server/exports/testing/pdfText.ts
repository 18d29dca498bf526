import { PDFParse } from 'pdf-parse';

/** The text of each page of a PDF, as a reader extracts it (for tests). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).pages.map((page) => page.text);
  } finally {
    await parser.destroy();
  }
}
