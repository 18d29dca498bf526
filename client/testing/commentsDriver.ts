/**
 * Driving the comments of the draft page in Chromium: selecting words as a drag would, reading
 * back the highlighted words of a thread and its card in the margin.
 */
import type { Locator, Page } from 'playwright-core';

/**
 * Selects `words` (their first occurrence) in the clause with `clauseId`, as a mouse drag would:
 * in read-only text with a DOM range, which ProseMirror reads from the page; in editable text
 * through the editor. The words may run across several text nodes (highlights split them).
 */
export async function selectWords(page: Page, clauseId: string, words: string): Promise<void> {
  // No named inner functions: scripts run through tsx would wrap them in a helper the page lacks.
  await page.evaluate(
    ([id, wanted]) => {
      const root = document.querySelector<HTMLElement>('[data-testid="editor"] .ProseMirror');
      const clause = root?.querySelector(`.clause[data-clause-id="${id}"]`);
      if (!root || !clause) throw new Error(`no clause ${id}`);
      const texts: { node: Text; start: number }[] = [];
      let whole = '';
      const walker = document.createTreeWalker(clause, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.collaboration-carets__caret, .clause-gutter, .comment-gutter')) continue;
        texts.push({ node: node as Text, start: whole.length });
        whole += node.textContent ?? '';
      }
      const at = whole.indexOf(wanted);
      if (at < 0) throw new Error(`no “${wanted}” in clause ${id}: ${whole}`);
      const startsIn = texts.find((entry) => at < entry.start + entry.node.length);
      const endsIn = texts.find((entry) => at + wanted.length <= entry.start + entry.node.length);
      if (!startsIn || !endsIn) throw new Error('the words run outside the clause');
      const handle = root as HTMLElement & {
        editor?: {
          view: { posAtDOM(node: Node, offset: number): number };
          commands: { setTextSelection(range: { from: number; to: number }): boolean };
        };
      };
      if (root.isContentEditable && handle.editor) {
        // Editable text takes the selection through the editor, as a drag ends up doing; a DOM
        // range set while the editor takes the focus could be replaced by its old selection.
        const from = handle.editor.view.posAtDOM(startsIn.node, at - startsIn.start);
        const to = handle.editor.view.posAtDOM(endsIn.node, at + wanted.length - endsIn.start);
        root.focus();
        handle.editor.commands.setTextSelection({ from, to });
        return;
      }
      const range = document.createRange();
      range.setStart(startsIn.node, at - startsIn.start);
      range.setEnd(endsIn.node, at + wanted.length - endsIn.start);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    },
    [clauseId, words] as const,
  );
  // ProseMirror takes the selection over on `selectionchange`.
  await page.waitForFunction(
    (wanted) => {
      const root = document.querySelector('[data-testid="editor"] .ProseMirror') as
        | (HTMLElement & {
            editor?: {
              state: {
                selection: { from: number; to: number };
                doc: { textBetween(a: number, b: number, s: string, l: string): string };
              };
            };
          })
        | null;
      const state = root?.editor?.state;
      return (
        state !== undefined && state.doc.textBetween(state.selection.from, state.selection.to, '\n', '\n') === wanted
      );
    },
    words,
    { timeout: 5000 },
  );
}

/**
 * The words a thread highlights in the text, in document order (other people's caret labels left
 * out): what the browser resolved its anchor to. Empty when nothing is highlighted.
 */
export async function highlightedWords(page: Page, threadId: string): Promise<string> {
  return page.evaluate((id) => {
    const parts = [...document.querySelectorAll(`[data-testid="editor"] .comment-highlight[data-comment-id="${id}"]`)];
    let previousBlock: Element | null = null;
    let text = '';
    for (const part of parts) {
      const copy = part.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      const block = part.closest('p');
      if (previousBlock !== null && block !== previousBlock) text += '\n';
      previousBlock = block;
      text += copy.textContent ?? '';
    }
    return text;
  }, threadId);
}

/** The card of a thread in the margin. */
export function threadCard(page: Page, threadId: string): Locator {
  return page.locator(`[data-testid="comment-thread"][data-thread-id="${threadId}"]`);
}

/** Writes `body` in the new-thread composer and sends it; resolves with the new comment's id once the server has accepted it. */
export async function submitNewThread(page: Page, body: string): Promise<string> {
  const composer = page.locator('[data-testid="thread-composer"]');
  await composer.locator('textarea').fill(body);
  const [response] = await Promise.all([
    page.waitForResponse(
      (answer) => answer.request().method() === 'POST' && new URL(answer.url()).pathname.endsWith('/comments'),
    ),
    composer.locator('button[type="submit"]').click(),
  ]);
  if (response.status() !== 201)
    throw new Error(`posting the comment answered ${response.status()}: ${await response.text()}`);
  const answer = (await response.json()) as { comment: { id: string } };
  return answer.comment.id;
}
