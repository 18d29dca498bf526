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

  it('the chair freezes the numbers; a clause a delegate adds after OP4 is OP4 bis for both; renumbering makes it OP5', async () => {
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
    await room.screenshot(valdoria, 'numbers-1-bis');

    chair.once('dialog', (dialog) => void dialog.accept());
    await chair.getByTestId('numbering-renumber').click();
    const renumbered = ['OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6', 'OP7', 'OP8', 'OP9', 'OP10'];
    for (const page of [chair, valdoria])
      await expect.poll(() => numbers(page), { timeout: WAIT_MS }).toEqual(renumbered);
    await room.screenshot(chair, 'numbers-2-renumbered');
  });
});
