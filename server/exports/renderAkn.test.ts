import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clauseText, connectClient } from '../testing/collabClient';
import type { TestSession } from '../testing/session';
import { DEMO, signIn } from '../testing/session';
import type { TestServer } from '../testing/startTestServer';
import { startTestServer } from '../testing/startTestServer';
import { validateAkn } from '../testing/validateAkn';
import { waitFor } from '../testing/waitFor';

let s: TestServer;
let chair: TestSession;
let draftId: string;
beforeAll(async () => {
  s = await startTestServer();
  chair = await signIn(s.url, DEMO.chair);
  draftId = ((await chair.api('/api/drafts')).body.drafts as { id: string }[])[0]!.id;
});
afterAll(async () => {
  await s.close();
});

async function akn(query: string): Promise<string> {
  const response = await fetch(`${s.url}/api/drafts/${draftId}/export?format=akn${query}`, {
    headers: { authorization: `Bearer ${chair.token}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/akn\+xml/);
  return response.text();
}

describe('Akoma Ntoso export', () => {
  it('validates against the OASIS schema for the live text, a version, and a text with brackets and sub-paragraphs', async () => {
    const live = await akn('');
    expect(await validateAkn(live)).toEqual([]);

    const versionId = (
      (await chair.api(`/api/drafts/${draftId}/versions`, { method: 'POST', json: { label: 'Rev.1', note: '' } })).body
        .version as { id: string }
    ).id;
    const version = await akn(`&version=${versionId}`);
    expect(await validateAkn(version)).toEqual([]);
    expect(version).toContain(`<FRBRversionNumber value="Rev.1"/>`);
    expect(version).toMatch(
      new RegExp(`<FRBRthis value="/akn/un/act/norms/${draftId.toLowerCase()}/eng@${versionId.toLowerCase()}/!main"/>`),
    );

    // Brackets (text not yet agreed) and lettered sub-paragraphs.
    const client = connectClient(s.collabUrl, draftId, { token: chair.token });
    try {
      await client.synced();
      clauseText(client.doc, 'operative', 1).insert(0, '[Alt 1: Each State] ');
      await waitFor(async () => expect(await akn('')).toContain('[Alt 1: Each State]'));
    } finally {
      client.destroy();
    }
    const bracketed = await akn('');
    expect(await validateAkn(bracketed)).toEqual([]);
    expect(bracketed).toMatch(/<point eId="para_3__list_1__point_a" GUID="[^"]+">/);
  });

  it('carries recitals, numbered paragraphs with eIds, pillars as keywords and delegations as organisations', async () => {
    const xml = await akn('');
    expect(xml).toContain('<recital eId="recs__rec_1"');
    expect(xml).toMatch(/<recital eId="recs__rec_1"[^>]*>\s*<num>PP1<\/num>/);
    expect(xml).toMatch(/<paragraph eId="para_2"[^>]*>\s*<num>OP2<\/num>/);
    expect(xml).toContain(
      '<keyword eId="pillar-civilian-protection" value="civilian-protection" showAs="Civilian protection" dictionary="#accord-pillars"/>',
    );
    expect(xml).toContain('showAs="Republic of Valdoria"');
    expect(xml).toContain('showAs="Digital Rights Watch"');
    expect(xml).toContain('<docTitle>Framework of Norms');
    // The schema rejects what it should: a sanity check that validation is real.
    expect((await validateAkn(xml.replace('<preface>', '<bogus/><preface>'))).join(' ')).toMatch(/bogus.*not expected/);
  });
});
