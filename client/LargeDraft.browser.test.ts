import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, callApi } from '../server/testing/session';
import { WAIT_MS, fetchOutline } from './testing/draftPageDriver';
import { demoRoom } from './testing/demoRoom';
import { shouldSkipBrowserTests } from './testing/launchBrowser';
import { LONG_DRAFT_SENTENCE as SENTENCE, longDraft } from './testing/longDraft';

const editorText = (page: Page) =>
  page.locator('[data-testid="editor"] .ProseMirror').evaluate((root) => root.textContent ?? '');

describe.skipIf(shouldSkipBrowserTests('LargeDraft'))('a large draft in the browser', () => {
  const room = demoRoom();

  it('opens whole in two windows without the editor sending any change, and carries typing between them', async () => {
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
  });
});
