import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEditingTrace, readEditingTrace } from './editingTrace';

const sequential = {
  startContent: '',
  endContent: 'hi',
  txns: [{ time: '2021-05-12T04:01:04.000Z', patches: [[0, 0, 'hi']] }],
};

describe('editing traces', () => {
  const dir = mkdtemp(path.join(tmpdir(), 'accord-trace-test-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it('reads a gzip-compressed trace as the collection ships it, and a plain JSON one', async () => {
    const gz = path.join(await dir, 'trace.json.gz');
    const plain = path.join(await dir, 'trace.json');
    await writeFile(gz, gzipSync(JSON.stringify(sequential)));
    await writeFile(plain, JSON.stringify(sequential));
    const expected = { startContent: '', endContent: 'hi', txns: [{ patches: [[0, 0, 'hi']] }] };
    expect(await readEditingTrace(gz)).toEqual(expected);
    expect(await readEditingTrace(plain)).toEqual(expected);
  });

  it('refuses a concurrent trace, which one client cannot replay as recorded', () => {
    expect(() => parseEditingTrace({ ...sequential, kind: 'concurrent', numAgents: 2 })).toThrow(/concurrent/);
  });

  it('says which field is wrong in a file that is not a trace', () => {
    expect(() => parseEditingTrace({ ...sequential, txns: [{ patches: [[0, 'x', 'hi']] }] })).toThrow(
      /txns\.0\.patches\.0\.1/,
    );
  });
});
