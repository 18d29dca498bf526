import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStorage } from '../storage/SqliteStorage';
import { openSqliteStorage } from '../storage/openSqliteStorage';
import { SignInThrottle } from './SignInThrottle';

const policy = { freeAttempts: 3, firstDelayMs: 1000, maxDelayMs: 60_000 };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function throttle(): Promise<SignInThrottle> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-throttle-'));
  const storage: SqliteStorage = await openSqliteStorage(dataDir);
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => storage.close());
  return new SignInThrottle(storage);
}

describe('the sign-in throttle', () => {
  it('lets free attempts through at once, even one that started a moment before another it finds stored', async () => {
    const signIns = await throttle();
    const start = Date.now();
    // Two sign-ins from one address at once: the later one's attempt is stored first.
    expect(await signIns.reserve([{ key: 'address:hall', policy }], start + 5)).toBe(0);
    expect(await signIns.reserve([{ key: 'address:hall', policy }], start)).toBe(0);
    expect(await signIns.reserve([{ key: 'address:hall', policy }], start + 6)).toBe(0);
    // Past the free attempts, the next must wait the first delay.
    expect(await signIns.reserve([{ key: 'address:hall', policy }], start + 7)).toBe(999);
  });
});
