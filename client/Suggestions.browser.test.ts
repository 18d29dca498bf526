import { describe, expect, it } from 'vitest';
import { DEMO } from '../server/testing/session';
import { WAIT_MS, clauseParagraphText, fetchOutline, placeCaretInClause } from './testing/draftPageDriver';
import type { Page } from 'playwright-core';
import { demoRoom } from './testing/demoRoom';
import { shouldSkipBrowserTests } from './testing/launchBrowser';

describe.skipIf(shouldSkipBrowserTests('Suggestions'))('suggesting in the browser', () => {
  const room = demoRoom();
  const op4 = () => room.clause('OP4').id;
  const op5 = () => room.clause('OP5').id;
  const numbers = (page: Page) =>
    page
      .locator('[data-testid="editor"] .section-operative > .clause')
      .evaluateAll((clauses) => clauses.map((c) => c.getAttribute('data-number')));
  const marks = (page: Page, clauseId: string, tag: 'ins' | 'del') =>
    page.locator(`[data-testid="editor"] .clause[data-clause-id="${clauseId}"] ${tag}.suggestion`);

  it('two delegations suggest, everyone sees it live, and the chair accepts one and rejects the other', async () => {
    const valdoria = await room.openAs(DEMO.valdoria);
    const norland = await room.openAs(DEMO.norland);

    // Valdoria switches to suggesting and proposes words in the open OP4.
    await valdoria.getByTestId('suggest-toggle').click();
    expect(await valdoria.getByTestId('suggest-toggle').getAttribute('aria-pressed')).toBe('true');
    await placeCaretInClause(valdoria, op4(), { after: 'Any response' });
    await valdoria.keyboard.type(' by a State');
    // Norland types straight into the agreed OP5: there a delegate can only suggest, so it is one.
    await placeCaretInClause(norland, op5(), { after: 'States should maintain' });
    await norland.keyboard.type(' and test');
    await norland.keyboard.press('Backspace');

    // Both suggestions show, attributed, in each other's page, and the words are still the clauses'.
    await expect.poll(() => marks(norland, op4(), 'ins').textContent(), { timeout: WAIT_MS }).toBe(' by a State');
    await expect.poll(() => marks(valdoria, op5(), 'ins').textContent(), { timeout: WAIT_MS }).toBe(' and tes');
    expect(await marks(valdoria, op4(), 'ins').getAttribute('data-suggestion-author')).toBeTruthy();
    await expect(valdoria.getByTestId('edit-refused').count()).resolves.toBe(0);
    await expect(norland.getByTestId('edit-refused').count()).resolves.toBe(0);
    await room.screenshot(valdoria, 'suggestions-1-two-delegations');

    // The chair sees both in the suggestions panel of each clause and decides them.
    const chair = await room.openAs(DEMO.chair);
    await placeCaretInClause(chair, op4(), 'start');
    const card = chair.getByTestId('suggestion').filter({ hasText: 'by a State' });
    await card.waitFor();
    expect(await card.innerText()).toContain('Republic of Valdoria');
    await room.screenshot(chair, 'suggestions-2-chair-panel');
    // The negotiation export shows the open suggestions with who made them; the clean one does not.
    await chair.getByTestId('export-menu-button').click();
    await chair.getByTestId('export-negotiation').check();
    const negotiationHref = await chair.getByTestId('export-html').getAttribute('href');
    expect(negotiationHref).toContain('mode=negotiation');
    const negotiationHtml = await (await chair.request.get(`${room.server.url}${negotiationHref}`)).text();
    expect(negotiationHtml).toMatch(
      /<ins class="suggestion" title="Suggested insertion by Lena Varga \(Republic of Valdoria\)[^"]*"> by a State<\/ins>/,
    );
    await chair.getByTestId('export-negotiation').uncheck();
    const cleanHtml = await (
      await chair.request.get(`${room.server.url}${await chair.getByTestId('export-html').getAttribute('href')}`)
    ).text();
    expect(cleanHtml).not.toContain('by a State');
    await chair.keyboard.press('Escape');
    // The chair decides; supporting or opposing is the delegations'.
    expect(await card.getByRole('button', { name: /^(Support|Oppose)$/ }).count()).toBe(0);
    await card.getByRole('button', { name: 'Accept' }).click();
    await placeCaretInClause(chair, op5(), 'start');
    const other = chair.getByTestId('suggestion').filter({ hasText: 'and tes' });
    await other.waitFor();
    expect(await other.innerText()).toContain('Kingdom of Norland');
    await other.getByRole('button', { name: 'Reject' }).click();

    // Every page holds exactly the accepted words, without marks; so does the server.
    for (const page of [valdoria, norland, chair]) {
      await expect
        .poll(() => clauseParagraphText(page, op4()), { timeout: WAIT_MS })
        .toMatch(/^Any response by a State should be limited/);
      await expect.poll(() => clauseParagraphText(page, op5()), { timeout: WAIT_MS }).not.toContain('and tes');
      await expect.poll(() => marks(page, op4(), 'ins').count(), { timeout: WAIT_MS }).toBe(0);
      await expect.poll(() => marks(page, op5(), 'ins').count(), { timeout: WAIT_MS }).toBe(0);
    }
    const { clauses } = await fetchOutline(room.server.url, room.demoId, room.chairToken);
    expect(clauses.find((clause) => clause.id === op4())!.text).toMatch(/^Any response by a State should be limited/);
    expect(clauses.find((clause) => clause.id === op5())!.text).toMatch(/^States should maintain, and exercise/);
    // The history has a line for each decision, saying what was decided.
    await chair.getByTestId('sidebar-tab-history').click();
    await expect
      .poll(() => chair.getByTestId('history-decision').allTextContents(), { timeout: WAIT_MS })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Accepted Republic of Valdoria’s suggestion to insert “by a State” in OP4/),
          expect.stringMatching(/^Rejected Kingdom of Norland’s suggestion/),
        ]),
      );
    await room.screenshot(chair, 'suggestions-3-decided');
  });

  it('facilitator mode: when the chair turns it on, a delegate can only suggest, everywhere, at once', async () => {
    const chair = await room.openAs(DEMO.chair);
    const meridia = await room.openAs(DEMO.meridia);
    const op6 = room.clause('OP6').id;
    // The box shows the server's mode: it follows the click once the server has it.
    await chair.getByTestId('facilitator-mode').click();
    await expect.poll(() => chair.getByTestId('facilitator-mode').isChecked(), { timeout: WAIT_MS }).toBe(true);
    const toggle = meridia.getByTestId('suggest-toggle');
    await expect.poll(() => toggle.isDisabled(), { timeout: WAIT_MS }).toBe(true);
    expect(await toggle.innerText()).toBe('Suggesting');
    await placeCaretInClause(meridia, op6, { after: 'States are encouraged' });
    await meridia.keyboard.type(' strongly');
    await expect.poll(() => marks(chair, op6, 'ins').allTextContents(), { timeout: WAIT_MS }).toEqual([' strongly']);
    await expect(meridia.getByTestId('edit-refused').count()).resolves.toBe(0);
    await room.screenshot(meridia, 'suggestions-4-facilitator-mode');

    // Enter at the end of OP6 opens the panel's form: the new paragraph is proposed as a whole, OP6 bis.
    const op7 = room.clause('OP7').id;
    await placeCaretInClause(meridia, op6, 'end');
    await meridia.keyboard.press('Enter');
    await expect
      .poll(() => meridia.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('propose-paragraph-text');
    await meridia.keyboard.type('States should publish their response plans.');
    await meridia.keyboard.press('Enter');
    const proposed = (page: Page) =>
      page.locator('[data-testid="editor"] .section-operative > .clause', { hasText: 'publish their response plans' });
    await expect.poll(() => proposed(chair).getAttribute('data-number'), { timeout: WAIT_MS }).toBe('OP6 bis');
    expect(await proposed(chair).locator('ins.suggestion').textContent()).toBe(
      'States should publish their response plans.',
    );
    expect(await numbers(chair)).toContain('OP7');
    // The outline names it as proposed; structure buttons are off while suggesting.
    const row = meridia.locator('[data-testid="outline-clause"][data-number="OP6 bis"]');
    await expect.poll(() => row.innerText(), { timeout: WAIT_MS }).toContain('Proposed: States should publish');
    expect(await meridia.getByTestId('toolbar-new-point').isDisabled()).toBe(true);
    expect(await meridia.getByTestId('toolbar-add-part').isDisabled()).toBe(true);
    // Meridia also proposes deleting OP7 as a whole.
    await placeCaretInClause(meridia, op7, 'start');
    await meridia.getByTestId('propose-deletion').click();
    await expect.poll(() => marks(chair, op7, 'del').count(), { timeout: WAIT_MS }).toBeGreaterThan(0);
    await room.screenshot(meridia, 'suggestions-5-proposed-paragraph');
    // The chair accepts both: the new paragraph stays as OP7 and the old OP7 goes.
    const op7Words = await clauseParagraphText(chair, op7);
    await proposed(chair).click();
    await chair
      .getByTestId('suggestion')
      .filter({ hasText: 'New paragraph' })
      .getByRole('button', { name: 'Accept' })
      .click();
    await placeCaretInClause(chair, op7, 'start');
    await chair
      .getByTestId('suggestion')
      .filter({ hasText: 'Delete the whole paragraph' })
      .getByRole('button', { name: 'Accept' })
      .click();
    for (const page of [chair, meridia]) {
      await expect.poll(() => proposed(page).getAttribute('data-number'), { timeout: WAIT_MS }).toBe('OP7');
      await expect.poll(() => proposed(page).locator('ins.suggestion').count(), { timeout: WAIT_MS }).toBe(0);
      await expect
        .poll(() => page.locator(`[data-testid="editor"] .clause[data-clause-id="${op7}"]`).count(), {
          timeout: WAIT_MS,
        })
        .toBe(0);
    }
    const { clauses } = await fetchOutline(room.server.url, room.demoId, room.chairToken);
    expect(clauses.map((clause) => clause.text)).toContain('States should publish their response plans.');
    expect(clauses.map((clause) => clause.text)).not.toContain(op7Words);

    await chair.getByTestId('facilitator-mode').click();
    await expect.poll(() => toggle.isDisabled(), { timeout: WAIT_MS }).toBe(false);
    expect(await toggle.innerText()).toBe('Editing');
  });
});
