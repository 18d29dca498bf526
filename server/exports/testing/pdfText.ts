import { PDFParse } from 'pdf-parse';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page of a PDF, as a reader extracts it (for tests). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).pages.map((page) => page.text);
  } finally {
    await parser.destroy();
  }
}

/** A run of text where a PDF reader places it: points from the left edge and from the top of the page to its baseline, and its size. */
export interface PdfTextItem {
  text: string;
  x: number;
  /** Distance from the top of the page to the run's baseline, in points. */
  top: number;
  size: number;
}

/**
 * The runs of text of each page with their places, for tests of layout (an indent per level, a
 * raised footnote number, notes at the foot of the page). Read with pdf.js, the engine pdf-parse
 * is built on (its own dependency), since pdf-parse gives the text without places.
 */
export async function pdfTextItems(pdf: Uint8Array): Promise<PdfTextItem[][]> {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const pages: PdfTextItem[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const height = page.getViewport({ scale: 1 }).height;
      const items: PdfTextItem[] = [];
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const transform = item.transform as number[];
        items.push({ text: item.str, x: transform[4]!, top: height - transform[5]!, size: item.height });
      }
      pages.push(items);
    }
    return pages;
  } finally {
    await document.destroy();
  }
}
