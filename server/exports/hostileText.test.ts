import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { OpenItems } from '../../shared/openItems';
import { validateAkn } from '../testing/validateAkn';
import { readImportFile } from '../imports/readImportFile';
import { compareTexts } from '../versions/redline';
import { htmlExportPolicy } from './htmlDocument';
import { renderAkn } from './renderAkn';
import { renderDocx } from './renderDocx';
import { renderHtml } from './renderHtml';
import { renderMarkdown } from './renderMarkdown';
import { renderPdf } from './renderPdf';
import { renderRedlineDocx } from './renderRedlineDocx';
import { renderRedlineHtml } from './renderRedlineHtml';
import { renderRedlinePdf } from './renderRedlinePdf';
import { hasControlCharacters } from './safeText';
import {
  CSS_BREAKOUT,
  MARKUP_BREAKOUT,
  docxXmlErrors,
  hostile,
  hostileAsRead,
  hostileStructureSnapshot,
  unspaced,
  words,
  xmlTextOf,
} from './testing/hostileText';
import type { MarkdownNode } from './testing/parseMarkdown';
import { markdownText, parseMarkdown } from './testing/parseMarkdown';
import { pdfPages } from './testing/pdfText';
import { sequentialIds, snapshotFromSpec } from './testing/snapshotFromSpec';
import { exportText } from './textModel';

/** A text whose title, label and every clause, sub-paragraph included, is hostile. */
function hostileSnapshot(clause = 'clause') {
  return snapshotFromSpec(
    {
      title: hostile('title'),
      preamble: [{ text: hostile(`pp-${clause}`), pillars: ['attribution'] }],
      operative: [{ text: hostile(`op-${clause}`), subparagraphs: [hostile('sub'), 'plain second'] }],
    },
    { label: hostile('label'), newId: sequentialIds() },
  );
}

const text = exportText(hostileSnapshot());
const NAMES = ['title', 'label', 'pp-clause', 'op-clause', 'sub'];

/** The style sheets and scripts of an HTML page, and its text with the tags taken out (for the checks a browser makes in the browser test). */
function htmlParts(html: string) {
  return {
    styles: [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!),
    styleTags: html.match(/<style/g)?.length ?? 0,
    scripts: html.match(/<script/gi)?.length ?? 0,
    policy: /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replaceAll('&#39;', "'"),
  };
}

describe('every text export shows hostile text as text', () => {
  it('HTML: one fixed style sheet without user text, no script, a policy that allows nothing else, the words escaped', () => {
    const html = renderHtml(text, { pillars: true });
    const parts = htmlParts(html);
    expect(parts.styleTags).toBe(1);
    expect(parts.scripts).toBe(0);
    expect(parts.styles[0]).not.toContain('evil.example');
    expect(parts.styles[0]).not.toContain('label');
    expect(parts.policy).toBe(htmlExportPolicy(parts.styles[0]!));
    expect(parts.policy).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:/);
    expect(hasControlCharacters(html)).toBe(false);
    for (const name of NAMES)
      expect(words(html)).toContain(
        words(hostileAsRead(name))
          .replaceAll('&', '&amp;')
          .replaceAll('<', '&lt;')
          .replaceAll('>', '&gt;')
          .replaceAll('"', '&quot;')
          .replaceAll("'", '&#39;'),
      );
  });

  it('Markdown: reads back as the same words, with no heading, list or quote made of them', async () => {
    const markdown = renderMarkdown(text, { pillars: true });
    expect(hasControlCharacters(markdown.replace(/[\t\r\n]/g, ''))).toBe(false);
    // The title is one heading line and each point one list item; no line of the hostile text starts a block of its own.
    expect(markdown.split('\n').filter((line) => /^\s{0,3}(?:#|>|[-+*] |\d+[.)] |=+\s*$|-+\s*$)/.test(line))).toEqual([
      `# ${markdown.split('\n')[0]!.slice(2)}`,
      '## Preamble',
      '## Operative part',
      '- (a) sub Rev.2',
      '- (b) plain second',
    ]);
    const { preview } = await readImportFile({
      bytes: new TextEncoder().encode(markdown),
      fileName: 'hostile.md',
      contentType: null,
    });
    expect(words(preview.title)).toBe(hostileAsRead('title'));
    expect(words(preview.preamble[0]!.text)).toBe(hostileAsRead('pp-clause'));
    expect(words(preview.operative[0]!.text)).toBe(hostileAsRead('op-clause'));
  });

  it('Akoma Ntoso: valid against the schema, the words in the text and attributes', async () => {
    const xml = renderAkn(hostileSnapshot(), {
      draftId: 'draft-1',
      versionId: 'ver-1',
      organizations: [{ id: 'o1', name: hostile('delegation'), code: null }],
    });
    expect(await validateAkn(xml)).toEqual([]);
    const read = words(xmlTextOf(xml));
    for (const name of ['title', 'label', 'delegation', 'pp-clause', 'op-clause', 'sub'])
      expect(read).toContain(hostileAsRead(name));
  });

  it('Word: every part parses and the document reads the words', async () => {
    const docx = await renderDocx(text, { pillars: true });
    expect(await docxXmlErrors(docx)).toEqual([]);
    const read = words((await mammoth.extractRawText({ buffer: docx })).value);
    for (const name of ['title', 'pp-clause', 'op-clause', 'sub'])
      expect(unspaced(read)).toContain(unspaced(hostileAsRead(name)));
    const parts = unzipSync(new Uint8Array(docx));
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))![1];
    expect(unspaced(xmlTextOf(strFromU8(footer)))).toContain(unspaced(hostileAsRead('label')));
  });

  it('PDF: parses and shows the words', async () => {
    const pages = await pdfPages(await renderPdf(text, { pillars: true }));
    const read = words(pages.join(' '));
    expect(read).toContain('title-end');
    expect(read).toContain('op-clause-end');
    expect(read).toContain(words(CSS_BREAKOUT));
    expect(read).toContain(MARKUP_BREAKOUT);
    expect(hasControlCharacters(pages.join(''))).toBe(false);
  });
});

describe('every redline export shows hostile text as text', () => {
  const redline = compareTexts(hostileSnapshot('old'), hostileSnapshot('new'));
  const labels = { from: hostile('from'), to: hostile('to') };
  const open: OpenItems = {
    from: [
      { key: 'bracket:b1', clauseId: null, number: hostile('number'), kind: 'bracket', text: hostile('open'), by: 'x' },
    ],
    to: [{ key: 'insert:s1', clauseId: 'c2', number: 'OP2', kind: 'insert', text: 'y', by: hostile('by') }],
  };

  it('HTML: one fixed style sheet, no script, the words escaped', () => {
    const html = renderRedlineHtml(redline, labels, open);
    const parts = htmlParts(html);
    expect(parts.styleTags).toBe(1);
    expect(parts.scripts).toBe(0);
    expect(parts.policy).toBe(htmlExportPolicy(parts.styles[0]!));
    expect(html).not.toMatch(/<\/?b>/);
    expect(html).toContain('R&amp;D;');
    expect(words(html)).toContain('&lt;/style&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(words(html)).toContain('from-end');
    for (const name of ['number', 'open', 'by']) expect(words(html)).toContain(`${name}-end`);
    expect(hasControlCharacters(html)).toBe(false);
  });

  it('Word: every part parses and the document reads the words', async () => {
    const docx = await renderRedlineDocx(redline, labels);
    expect(await docxXmlErrors(docx)).toEqual([]);
    const read = words((await mammoth.extractRawText({ buffer: docx })).value);
    expect(unspaced(read)).toContain(unspaced(hostileAsRead('from')));
    expect(unspaced(read)).toContain(unspaced(hostileAsRead('sub')));
  });

  it('PDF: parses and shows the words', async () => {
    const read = words((await pdfPages(await renderRedlinePdf(redline, labels))).join(' '));
    expect(read).toContain('to-end');
    expect(read).toContain(hostileAsRead('to'));
    expect(hasControlCharacters(read)).toBe(false);
    expect(read).toContain(hostileAsRead('sub'));
  });
});

describe('every text export shows hostile structure as text: formula, headings, points, annex, footnote', () => {
  const structure = exportText(hostileStructureSnapshot());
  const STRUCTURE_NAMES = ['formula', 'part', 'section', 'point', 'inner', 'deepest', 'annex', 'annex-clause', 'note'];

  it('HTML: the fixed style sheet alone, no script, every word escaped', () => {
    const html = renderHtml(structure, { pillars: false });
    const parts = htmlParts(html);
    expect(parts.styleTags).toBe(1);
    expect(parts.scripts).toBe(0);
    expect(parts.policy).toBe(htmlExportPolicy(parts.styles[0]!));
    expect(hasControlCharacters(html)).toBe(false);
    for (const name of STRUCTURE_NAMES)
      expect(words(html)).toContain(
        words(hostileAsRead(name))
          .replaceAll('&', '&amp;')
          .replaceAll('<', '&lt;')
          .replaceAll('>', '&gt;')
          .replaceAll('"', '&quot;')
          .replaceAll("'", '&#39;'),
      );
  });

  it('Markdown: only the headings, list items and note definition the export writes start a block', async () => {
    const markdown = renderMarkdown(structure, { pillars: false });
    expect(hasControlCharacters(markdown.replace(/[\t\r\n]/g, ''))).toBe(false);
    const blockStarts = markdown
      .split('\n')
      .filter((line) => /^\s*(?:#|>|[-+*] |\d+[.)] |=+\s*$|-+\s*$|\[\^)/.test(line))
      .map((line) => (line.includes('Rev.2') ? line.slice(0, line.indexOf('Rev.2') + 5) : line));
    expect(blockStarts).toEqual([
      '# Structure',
      '## Preamble',
      '## Operative part',
      '### Part I — part Rev.2',
      '#### Section A — section Rev.2',
      '- (a) point Rev.2',
      '  - (i) inner Rev.2',
      '    - (A) deepest Rev.2',
      '## Annex — annex Rev.2',
      '[^1]: note Rev.2',
    ]);
    const tree = await parseMarkdown(markdown);
    const all = (node: MarkdownNode, type: string): MarkdownNode[] => [
      ...(node.type === type ? [node] : []),
      ...(node.children ?? []).flatMap((child) => all(child, type)),
    ];
    expect([...all(tree, 'html'), ...all(tree, 'code'), ...all(tree, 'blockquote')]).toEqual([]);
    // A bare URL is a link to GitHub's Markdown (not to CommonMark), showing its own words: never other words over it.
    expect(all(tree, 'link').filter((link) => markdownText(link) !== link.url)).toEqual([]);
    expect(all(tree, 'footnoteDefinition').map((node) => words(markdownText(node)))).toEqual([
      expect.stringContaining('note-end'),
    ]);
  });

  it('Word: every part parses, the document reads the words and the footnote holds the note', async () => {
    const docx = await renderDocx(structure, { pillars: false });
    expect(await docxXmlErrors(docx)).toEqual([]);
    const read = unspaced((await mammoth.extractRawText({ buffer: docx })).value);
    for (const name of STRUCTURE_NAMES.filter((each) => each !== 'note'))
      expect(read).toContain(unspaced(hostileAsRead(name)));
    const footnotes = strFromU8(unzipSync(new Uint8Array(docx))['word/footnotes.xml']!);
    expect(unspaced(xmlTextOf(footnotes.replace(/<[^>]+>/g, '')))).toContain(unspaced(hostileAsRead('note')));
  });

  it('PDF: parses and shows the words, the note at the foot of the page', async () => {
    const pages = await pdfPages(await renderPdf(structure, { pillars: false }));
    const read = words(pages.join(' '));
    for (const name of STRUCTURE_NAMES) expect(read).toContain(`${name}-end`);
    expect(read).toContain(MARKUP_BREAKOUT);
    expect(hasControlCharacters(pages.join(''))).toBe(false);
  });
});
