import { describe, expect, it } from 'vitest';
import { ownBuffers } from './readInPiecesOffThread';

describe('what may be handed to the worker thread', () => {
  it('is the memory of the views that own all of theirs, once each; never a pool that small Buffers share', () => {
    const own = new Uint8Array(1024);
    const sameMemory = new Uint8Array(own.buffer);
    const part = new Uint8Array(new ArrayBuffer(64), 8, 16);
    const pooled = Buffer.from('a small stored row');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const words = new Uint32Array(4);
    const shared = new Uint8Array(new SharedArrayBuffer(8));
    expect(ownBuffers([own, sameMemory, part, pooled, words, shared])).toEqual([own.buffer, words.buffer]);
  });
});
