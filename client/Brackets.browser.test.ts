import { describe, expect, it } from 'vitest';
import { DEMO, callApi } from '../server/testing/session';
import { WAIT_MS, clauseParagraphText, fetchOutline, placeCaretInClause, selectWords } from './testing/draftPageDriver';
import { demoRoom } from './testing/demoRoom';
import { shouldSkipBrowserTests } from './testing/launchBrowser';
import type { Page } from 'playwright-core';

describe.skipIf(shouldSkipBrowserTests('Brackets'))('brackets and alternatives in the browser', () => {
  const room = demoRoom();
  const op6 = () => room.clause('OP6').id;
  const op7 = () => room.clause('OP7').id;

  it('a delegation brackets words and another joins; Alt 1 / Alt 2 are tabled and supported; the chair removes the brackets and selects Alt 2', async () => {
    const valdoria = await room.openAs(DEMO.valdoria);
    const norland = await room.openAs(DEMO.norland);

    // Valdoria brackets “quickly” in OP6 and proposes “in particular privacy” for “including privacy” in OP7.
    await selectWords(valdoria, op6(), 'quickly');
    await valdoria.getByRole('button', { name: '[ ] Bracket the selection' }).click();
    await expect.poll(() => clauseParagraphText(norland, op6()), { timeout: WAIT_MS }).toContain('[quickly]');
    // The pillar overview counts the open bracket under each pillar of OP6.
    await norland.locator('[data-testid="sidebar-tab-pillars"]').click();
    for (const pillar of ['resilience-shared-defence', 'transparency-cooperation'])
      await expect
        .poll(() => norland.locator(`[data-pillar="${pillar}"] [data-testid="pillar-brackets"]`).textContent(), {
          timeout: WAIT_MS,
        })
        .toBe(' [1]');
    expect(await norland.locator('[data-pillar="civilian-protection"] [data-testid="pillar-brackets"]').count()).toBe(
      0,
    );
    await selectWords(valdoria, op7(), 'including privacy');
    await valdoria.getByLabel('Another wording for the selected words').fill('in particular privacy');
    await valdoria.getByRole('button', { name: 'Propose as Alt 2' }).click();
    await expect
      .poll(() => clauseParagraphText(norland, op7()), { timeout: WAIT_MS })
      .toContain('[including privacy / in particular privacy]');
    const labels = norland.locator(`.clause[data-clause-id="${op7()}"] .alternative[data-label]`);
    await expect
      .poll(() => labels.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-label'))), {
        timeout: WAIT_MS,
      })
      .toEqual(['Alt 1', 'Alt 2']);

    // Norland joins the bracket and supports Alt 2.
    await placeCaretInClause(norland, op6(), 'start');
    const bracket = norland.getByTestId('bracket');
    await bracket.waitFor();
    await bracket.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => bracket.innerText(), { timeout: WAIT_MS }).toContain('Kingdom of Norland');
    expect(await bracket.innerText()).toContain('Republic of Valdoria');
    await placeCaretInClause(norland, op7(), 'start');
    await norland.getByTestId('alternatives').getByRole('button', { name: 'Support Alt 2' }).click();
    await expect
      .poll(() => norland.getByTestId('alternatives').innerText(), { timeout: WAIT_MS })
      .toContain('supported by Kingdom of Norland');
    // On the text itself, the markers say who holds the bracket and who supports a wording.
    const bracketTitle = () =>
      valdoria.locator(`.clause[data-clause-id="${op6()}"] .bracket--open`).getAttribute('title');
    await expect.poll(bracketTitle, { timeout: WAIT_MS }).toMatch(/^Held open by .*Kingdom of Norland/);
    expect(await bracketTitle()).toContain('Republic of Valdoria');
    await expect
      .poll(
        () =>
          valdoria.locator(`.clause[data-clause-id="${op7()}"] .alternative[data-label="Alt 2"]`).getAttribute('title'),
        {
          timeout: WAIT_MS,
        },
      )
      .toBe('Alt 2, proposed by Republic of Valdoria; supported by Kingdom of Norland');
    // The pillar overview counts the open brackets each delegation holds.
    await norland.locator('[data-testid="sidebar-tab-pillars"]').click();
    await expect
      .poll(() => norland.getByTestId('brackets-by-delegation').innerText(), { timeout: WAIT_MS })
      .toMatch(/Kingdom of Norland\s*1[\s\S]*Republic of Valdoria\s*1/);
    await room.screenshot(norland, 'brackets-1-held-and-alternatives');

    // The chair removes the brackets and selects Alt 2; everyone has the settled words.
    const chair = await room.openAs(DEMO.chair);
    await placeCaretInClause(chair, op6(), 'start');
    await chair.getByTestId('bracket').getByRole('button', { name: 'Remove brackets' }).click();
    await placeCaretInClause(chair, op7(), 'start');
    await chair.getByTestId('alternatives').getByRole('button', { name: 'Select Alt 2' }).click();
    for (const page of [valdoria, norland, chair]) {
      await expect.poll(() => clauseParagraphText(page, op6()), { timeout: WAIT_MS }).not.toContain('[');
      await expect
        .poll(() => clauseParagraphText(page, op7()), { timeout: WAIT_MS })
        .toContain('in particular privacy, and give');
      expect(await clauseParagraphText(page, op7())).not.toContain('including privacy');
    }
    const { clauses } = await fetchOutline(room.server.url, room.demoId, room.chairToken);
    expect(clauses.find((clause) => clause.id === op6())!.text).toContain('provided quickly across borders');
    expect(clauses.find((clause) => clause.id === op7())!.text).toContain(
      'including privacy'.replace('including', 'in particular'),
    );
    const record = (await callApi(room.server.url, room.chairToken, `/api/drafts/${room.demoId}/brackets`)).body
      .settled as {
      kind: string;
      alternative: { options: { text: string }[] } | null;
    }[];
    expect(record.map((entry) => entry.kind)).toEqual(['bracket', 'alternative']);
    expect(record[1]!.alternative!.options.map((option) => option.text)).toEqual([
      'including privacy',
      'in particular privacy',
    ]);
    await room.screenshot(chair, 'brackets-2-settled');
  });

  it('another wording of a whole clause with points: OP3 Alt 2 is written, supported, and selected by the chair', async () => {
    const op3 = room.clause('OP3').id;
    const valdoria = await room.openAs(DEMO.valdoria);
    const norland = await room.openAs(DEMO.norland);
    const numbers = (page: Page) =>
      page
        .locator('[data-testid="editor"] .section-operative > .clause')
        .evaluateAll((clauses) => clauses.map((c) => c.getAttribute('data-number')));
    await placeCaretInClause(valdoria, op3, 'start');
    await valdoria.getByTestId('propose-clause-wording').click();
    await expect.poll(() => numbers(norland), { timeout: WAIT_MS }).toContain('OP3 Alt 2');
    expect(await numbers(norland)).toContain('OP4');
    // Valdoria rewrites the opening words of her wording, which has OP3's points too.
    const alt2 = valdoria.locator('[data-testid="editor"] .clause[data-number="OP3 Alt 2"]');
    expect(await alt2.locator('.subparagraph[data-label]').count()).toBeGreaterThan(0);
    await valdoria.keyboard.type(' in every case');
    await expect
      .poll(() => norland.locator('[data-testid="editor"] .clause[data-number="OP3 Alt 2"]').innerText(), {
        timeout: WAIT_MS,
      })
      .toContain('so that: in every case');
    // Norland supports Alt 2; the chair selects it.
    await placeCaretInClause(norland, op3, 'start');
    const set = norland.getByTestId('alternatives');
    await expect.poll(() => set.innerText(), { timeout: WAIT_MS }).toContain('Alt 2');
    await set.getByRole('button', { name: 'Support Alt 2' }).click();
    await expect.poll(() => set.innerText(), { timeout: WAIT_MS }).toContain('supported by Kingdom of Norland');
    await room.screenshot(norland, 'brackets-3-whole-clause-wordings');
    const chair = await room.openAs(DEMO.chair);
    await placeCaretInClause(chair, op3, 'start');
    await chair.getByTestId('alternatives').getByRole('button', { name: 'Select Alt 2' }).click();
    for (const page of [valdoria, norland, chair]) {
      await expect.poll(() => numbers(page), { timeout: WAIT_MS }).not.toContain('OP3 Alt 2');
      await expect
        .poll(() => page.locator(`[data-testid="editor"] .clause[data-clause-id="${op3}"]`).innerText(), {
          timeout: WAIT_MS,
        })
        .toContain('so that: in every case');
    }
    const { clauses } = await fetchOutline(room.server.url, room.demoId, room.chairToken);
    const chosen = clauses.find((clause) => clause.id === op3)!;
    expect(chosen.number).toBe('OP3');
    expect(chosen.text).toMatch(/^Responses should be graduated, so that: in every case\n\(a\) /);
    await room.screenshot(chair, 'brackets-4-whole-clause-selected');
  });
});
