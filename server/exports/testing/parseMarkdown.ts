import * as prettier from 'prettier';

/** A node of a Markdown syntax tree (mdast), with what the tests read of it. */
export interface MarkdownNode {
  type: string;
  value?: string;
  depth?: number;
  identifier?: string;
  url?: string;
  children?: MarkdownNode[];
}

/** The one entry of Prettier's debugging API the tests use; Prettier does not type it. */
interface PrettierDebug {
  parse: (text: string, options: { parser: string }) => Promise<{ ast: MarkdownNode }>;
}
/** Where Prettier exports its debugging API. */
const DEBUG_EXPORT = '__debug';

/**
 * Parses Markdown into its syntax tree (mdast) as a Markdown reader does, so a test can check
 * what a reader makes of an export (a nested list, a heading, a footnote reference) rather than
 * its characters. The only Markdown parser among the dependencies is the one inside Prettier (a
 * remark parser, with footnotes), reached through its debugging entry point.
 */
export async function parseMarkdown(markdown: string): Promise<MarkdownNode> {
  const debug = (prettier as unknown as Record<string, PrettierDebug>)[DEBUG_EXPORT]!;
  return (await debug.parse(markdown, { parser: 'markdown' })).ast;
}

/** The text of a node: its value, or its children's text joined; a footnote reference as `[^1]`. */
export function markdownText(node: MarkdownNode): string {
  if (node.type === 'footnoteReference') return `[^${node.identifier}]`;
  return node.value ?? (node.children ?? []).map(markdownText).join('');
}
