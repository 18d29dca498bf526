/**
 * Takes the README screenshot: the demo draft as the chair sees it while a delegate edits beside
 * her: numbered clauses with their pillar chips and status in the gutter, the clause toolbar, the
 * pillar overview in the side panel, and, during a public comment period, a delegate's and an
 * observer's comments highlighted in the text and threaded in the margin.
 *
 *   npx vite build && PORT=8080 DATA_DIR=$(mktemp -d) npx tsx server/main.ts &
 *   npx tsx client/testing/captureScreenshot.ts [http://127.0.0.1:8080] [docs/screenshot.png]
 *
 * Use a fresh data directory (demo mode on, the default) so the demo draft and accounts are as seeded.
 */
import path from 'node:path';
import { z } from 'zod';
import { selectWords, submitNewThread, threadCard } from './commentsDriver';
import { openDraftPage, placeCaretInClause, readRenderedClauses, signInToken } from './draftPageDriver';
import { launchBrowser } from './launchBrowser';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:8080';
const output = path.resolve(process.argv[3] ?? 'docs/screenshot.png');
const viewport = { width: 1440, height: 900 };
const DEMO_PASSWORD = 'accord-demo';

const listSchema = z.object({ drafts: z.array(z.object({ id: z.string(), title: z.string() })).min(1) });

async function main(): Promise<void> {
  const chairToken = await signInToken(baseUrl, 'chair@accord.example', DEMO_PASSWORD);
  const delegateToken = await signInToken(baseUrl, 'valdoria@accord.example', DEMO_PASSWORD);
  const observerToken = await signInToken(baseUrl, 'rights@accord.example', DEMO_PASSWORD);
  const { drafts } = listSchema.parse(
    await (await fetch(`${baseUrl}/api/drafts`, { headers: { authorization: `Bearer ${chairToken}` } })).json(),
  );
  const demo = drafts.find((draft) => draft.title.startsWith('Framework of Norms')) ?? drafts[0]!;
  const draftUrl = `${baseUrl}/drafts/${demo.id}`;
  const browser = await launchBrowser();
  try {
    const chair = await openDraftPage(browser, draftUrl, { token: chairToken, viewport });
    const delegate = await openDraftPage(browser, draftUrl, { token: delegateToken, viewport });
    const clauses = await readRenderedClauses(chair.page);
    const byNumber = (number: string) => clauses.find((clause) => clause.number === number)!.id;

    // A public comment period is open; an observer and a delegate comment on words of the preamble.
    const period = await fetch(`${baseUrl}/api/drafts/${demo.id}/comment-periods`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chairToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString(),
      }),
    });
    if (!period.ok) throw new Error(`opening a comment period answered ${period.status}`);
    const observer = await openDraftPage(browser, draftUrl, { token: observerToken, readOnly: true, viewport });
    await observer.page.locator('[data-testid="comment-period-banner"][data-state="open"]').waitFor();
    await selectWords(observer.page, byNumber('PP1'), 'hospitals, power grids, water systems and emergency networks');
    await observer.page.locator('[data-testid="comment-bubble-button"]').click();
    await submitNewThread(
      observer.page,
      'Please name telecommunications too: emergency calls depend on it. Evidence: https://example.org/outages-2025',
    );
    await selectWords(delegate.page, byNumber('PP3'), 'credible attribution');
    await delegate.page.keyboard.press('Control+Alt+KeyM');
    const thread = await submitNewThread(
      delegate.page,
      'Valdoria suggests a shared standard of evidence for attribution.',
    );

    // The delegate qualifies PP3 and tags it with a further pillar; the chair works in PP1.
    await placeCaretInClause(delegate.page, byNumber('PP3'), { after: 'credible attribution' });
    await delegate.page.keyboard.type(' based on shared technical evidence');
    await delegate.page.keyboard.press('Control+Alt+7');
    await placeCaretInClause(chair.page, byNumber('PP1'), { after: 'emergency networks' });

    await chair.page.locator('[data-testid="sidebar-tab-pillars"]').click();
    await chair.page
      .locator(
        `.clause[data-clause-id="${byNumber('PP3')}"] [data-testid="pillar-chip"][data-pillar="transparency-cooperation"]`,
      )
      .waitFor();
    await chair.page.locator('.collaboration-carets__label', { hasText: 'Lena Varga' }).waitFor();
    await threadCard(chair.page, thread).click();
    await chair.page
      .locator('[data-testid="reply-composer"] textarea')
      .fill('Noted: we will take this up in the next revision.');
    await chair.page.locator('[data-testid="reply-composer"] button[type="submit"]').click();
    await threadCard(chair.page, thread).getByText('Noted: we will take this up').waitFor();
    await placeCaretInClause(chair.page, byNumber('PP1'), { after: 'emergency networks' });
    await chair.page.evaluate(() => window.scrollTo(0, 0));
    await chair.page.mouse.move(viewport.width - 10, viewport.height - 10);
    await chair.page.screenshot({ path: output });
    console.warn(`Saved ${output}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
