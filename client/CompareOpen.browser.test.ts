import { describe, expect, it } from 'vitest';
import { DEMO, callApi } from '../server/testing/session';
import { WAIT_MS, clauseParagraphText, selectWords } from './testing/draftPageDriver';
import { demoRoom } from './testing/demoRoom';
import { shouldSkipBrowserTests } from './testing/launchBrowser';

describe.skipIf(shouldSkipBrowserTests('CompareOpen'))('what is open, on the compare page', () => {
  const room = demoRoom();

  it('lists under the redline, by clause, a bracket still open since Rev.1 and one new since', async () => {
    const api = (path: string, init?: RequestInit & { json?: unknown }) =>
      callApi(room.server.url, room.chairToken, `/api/drafts/${room.demoId}${path}`, init);
    const openBrackets = async () => ((await api('/brackets')).body.brackets as unknown[]).length;
    const valdoria = await room.openAs(DEMO.valdoria);
    const bracket = async (number: string, words: string) => {
      await selectWords(valdoria, room.clause(number).id, words);
      await valdoria.getByRole('button', { name: '[ ] Bracket the selection' }).click();
      await expect.poll(() => clauseParagraphText(valdoria, room.clause(number).id)).toContain(`[${words}]`);
    };

    await bracket('OP6', 'quickly');
    await expect.poll(openBrackets, { timeout: WAIT_MS }).toBe(1);
    const created = await api('/versions', { method: 'POST', json: { label: 'Rev.1' } });
    const versionId = (created.body.version as { id: string }).id;
    await bracket('OP7', 'including privacy');
    await expect.poll(openBrackets, { timeout: WAIT_MS }).toBe(2);

    await valdoria.goto(`${room.server.url}/drafts/${room.demoId}/compare?from=${versionId}&to=live`);
    const section = valdoria.getByTestId('compare-open');
    await section.waitFor();
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Open suggestions, brackets and alternatives',
    );
    const rows = await section.locator('.compare-open__clause').evaluateAll((clauses) =>
      clauses.map((clause) => ({
        number: clause.querySelector('h3')?.textContent,
        items: [...clause.querySelectorAll('li')].map((item) =>
          [...item.querySelectorAll('span')].map((span) => span.textContent).join(' | '),
        ),
      })),
    );
    expect(rows).toEqual([
      { number: 'OP6', items: ['still open | [quickly] | held open by Republic of Valdoria'] },
      { number: 'OP7', items: ['new since Rev.1 | [including privacy] | held open by Republic of Valdoria'] },
    ]);
    await section.scrollIntoViewIfNeeded();
    await room.screenshot(valdoria, 'compare-open-items');
  });
});
