import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO } from '../server/testing/session';
import { WAIT_MS, fetchOutline, placeCaretInClause } from './testing/draftPageDriver';
import { demoRoom } from './testing/demoRoom';
import { shouldSkipBrowserTests } from './testing/launchBrowser';

describe.skipIf(shouldSkipBrowserTests('StableNumbers'))('stable numbers in the browser', () => {
  const room = demoRoom();
  const op4 = () => room.clause('OP4').id;
  const numbers = (page: Page) =>
    page
      .locator('[data-testid="editor"] .section-operative > .clause')
      .evaluateAll((clauses) => clauses.map((c) => c.getAttribute('data-number')));

  /** Deletes a clause as a person deleting it in their editor would (one transaction). */
  const chairDeletes = (page: Page, clauseId: string) =>
    page.evaluate((id) => {
      interface EditorHandle {
        state: {
          doc: {
            descendants(
              visit: (
                node: { type: { name: string }; attrs: { id?: string }; nodeSize: number },
                pos: number,
              ) => boolean,
            ): void;
          };
          tr: { delete(from: number, to: number): unknown };
        };
        view: { dispatch(tr: unknown): void };
      }
      const root = document.querySelector('[data-testid="editor"] .ProseMirror') as
        (HTMLElement & { editor?: EditorHandle }) | null;
      const editor = root!.editor!;
      let range: [number, number] | null = null;
      editor.state.doc.descendants((node, pos) => {
        if (node.type.name === 'clause' && node.attrs.id === id) range = [pos, pos + node.nodeSize];
        return range === null;
      });
      if (!range) throw new Error(`no clause ${id}`);
      editor.view.dispatch(editor.state.tr.delete(range[0], range[1]));
    }, clauseId);

  it('frozen numbers: a clause added after OP4 is OP4 bis, a deleted OP6 stays as a line, renumbering closes the gaps', async () => {
    const chair = await room.openAs(DEMO.chair);
    const valdoria = await room.openAs(DEMO.valdoria);
    await chair.getByTestId('numbering-freeze').click();
    await valdoria.getByTestId('numbering-frozen').waitFor();

    await placeCaretInClause(valdoria, op4(), 'end');
    await valdoria.keyboard.press('Enter');
    await valdoria.keyboard.type('A new paragraph after OP4.');
    const expected = ['OP1', 'OP2', 'OP3', 'OP4', 'OP4 bis', 'OP5', 'OP6', 'OP7', 'OP8', 'OP9'];
    for (const page of [chair, valdoria])
      await expect.poll(() => numbers(page), { timeout: WAIT_MS }).toEqual(expected);
    await expect
      .poll(
        async () =>
          (await fetchOutline(room.server.url, room.demoId, room.chairToken)).clauses
            .map((c) => c.number)
            .filter((n) => n.startsWith('OP')),
        {
          timeout: WAIT_MS,
        },
      )
      .toEqual(expected);
    // Deleting OP6 (open) leaves "OP6 [deleted]" in the text for everyone until the chair renumbers.
    await chairDeletes(chair, room.clause('OP6').id);
    for (const page of [chair, valdoria])
      await expect
        .poll(() => page.getByTestId('deleted-number').allTextContents(), { timeout: WAIT_MS })
        .toEqual(['OP6 [deleted]']);
    await room.screenshot(valdoria, 'numbers-1-bis');

    chair.once('dialog', (dialog) => void dialog.accept());
    await chair.getByTestId('numbering-renumber').click();
    const renumbered = ['OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6', 'OP7', 'OP8', 'OP9'];
    for (const page of [chair, valdoria])
      await expect.poll(() => numbers(page), { timeout: WAIT_MS }).toEqual(renumbered);
    expect(await chair.getByTestId('deleted-number').count()).toBe(0);
    await room.screenshot(chair, 'numbers-2-renumbered');
  });
});
