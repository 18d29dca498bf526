import { describe, expect, it } from 'vitest';
import { DEMO } from '../server/testing/session';
import { WAIT_MS } from './testing/draftPageDriver';
import { demoRoom } from './testing/demoRoom';
import { shouldSkipBrowserTests } from './testing/launchBrowser';

describe.skipIf(shouldSkipBrowserTests('ClauseAmendment'))('an amendment started from the clause', () => {
  const room = demoRoom();

  it('a delegate opens the clause menu of OP4 and lands in the review’s form, on OP4', async () => {
    const op4 = room.clause('OP4');
    const valdoria = await room.openAs(DEMO.valdoria);
    await valdoria.locator(`.clause[data-clause-id="${op4.id}"] [data-testid="clause-number"]`).click();
    const menu = valdoria.getByTestId('clause-menu');
    await menu.waitFor();
    const propose = menu.getByTestId('menu-propose-amendment');
    await expect.poll(() => propose.textContent(), { timeout: WAIT_MS }).toBe('Propose an amendment to OP4');
    await propose.click();
    const form = valdoria.getByTestId('amendment-form');
    await form.waitFor();
    expect(await form.getByTestId('amendment-clause').inputValue()).toBe(op4.id);
    await room.screenshot(valdoria, 'review-amendment-from-clause');
    // The chair, who tables no amendments, is offered none.
    const chair = await room.openAs(DEMO.chair);
    // Once the review has loaded (its amendments show in the gutter).
    await chair.locator('a[data-clause-amendments]').first().waitFor();
    await chair.locator(`.clause[data-clause-id="${op4.id}"] [data-testid="clause-number"]`).click();
    await chair.getByTestId('clause-menu').waitFor();
    expect(await chair.getByTestId('menu-propose-amendment').count()).toBe(0);
  });
});
