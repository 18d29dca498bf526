import { describe, expect, it } from 'vitest';
import { checkedStateOf, digestOf } from '../server/collab/checkedStates';
import { DEMO, callApi } from '../server/testing/session';
import { WAIT_MS, editorText, fetchOutline } from './testing/draftPageDriver';
import { demoRoom } from './testing/demoRoom';
import { shouldSkipBrowserTests } from './testing/launchBrowser';
import { LONG_DRAFT_SENTENCE as SENTENCE, longDraft } from './testing/longDraft';

describe.skipIf(shouldSkipBrowserTests('LargeDraft'))('a large draft in the browser', () => {
  const room = demoRoom();

  it('opens whole in two windows without the editor sending any change, carries typing between them, and opens cold as left', async () => {
    const imported = await callApi(room.server.url, room.chairToken, '/api/imports', {
      method: 'POST',
      // 420 clauses: well over the 256 KiB the server reads on its worker thread.
      json: longDraft(420, 8),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const draftId = (imported.body.draft as { id: string }).id;
    const before = await fetchOutline(room.server.url, draftId, room.chairToken);
    expect(before.clauses).toHaveLength(421);

    const first = await room.openAs(DEMO.chair, { draftId });
    const second = await room.openAs(DEMO.chair, { draftId });
    for (const page of [first, second]) {
      await expect
        .poll(async () => (await editorText(page)).split(SENTENCE).length, { timeout: WAIT_MS })
        .toBe(420 * 8 + 2);
      await expect(page.getByTestId('edit-refused').count()).resolves.toBe(0);
    }
    await first.locator('[data-testid="editor"] .section-operative > .clause').nth(2).locator('p').first().click();
    await first.keyboard.press('End');
    await first.keyboard.type(' Typed in a large draft.');
    await expect
      .poll(async () => (await editorText(second)).includes('Typed in a large draft.'), { timeout: WAIT_MS })
      .toBe(true);
    for (const page of [first, second]) await expect(page.getByTestId('edit-refused').count()).resolves.toBe(0);
    // Nothing was lost or mended away on the server: every clause, part and point is still there.
    const after = await fetchOutline(room.server.url, draftId, room.chairToken);
    expect(after.clauses.map((clause) => clause.id)).toEqual(before.clauses.map((clause) => clause.id));

    // Both leave: the draft is stored as one state, known sound, and opened cold again it is sent
    // before it is checked again; it holds what was typed, and takes more.
    const typed = await editorText(second);
    for (const page of [first, second]) await page.context().close();
    await expect.poll(() => room.server.registry.openCount, { timeout: WAIT_MS }).toBe(0);
    const storedState = async () => (await room.server.storage.loadDocument(draftId)).state;
    await expect.poll(async () => checkedStateOf(draftId) === digestOf((await storedState())!)).toBe(true);
    const third = await room.openAs(DEMO.chair, { draftId });
    await expect.poll(() => editorText(third), { timeout: WAIT_MS }).toBe(typed);
    await third.locator('[data-testid="editor"] .section-operative > .clause').nth(3).locator('p').first().click();
    await third.keyboard.press('End');
    await third.keyboard.type(' Typed after a cold open.');
    await expect
      .poll(async () => JSON.stringify(await fetchOutline(room.server.url, draftId, room.chairToken)), {
        timeout: WAIT_MS,
      })
      .toContain('Typed after a cold open.');
    await expect(third.getByTestId('edit-refused').count()).resolves.toBe(0);
  });
});
