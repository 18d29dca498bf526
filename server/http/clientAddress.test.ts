import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies, proxyTrust } from './clientAddress';

describe('the client address through trusted proxies', () => {
  const trusted = proxyTrust(parseTrustedProxies('loopback, 10.0.0.0/8, 2001:db8::/32'));

  it('believes X-Forwarded-For only from a trusted peer, hop by hop from the right', () => {
    expect(clientAddress('198.51.100.1', '203.0.113.5', trusted)).toBe('198.51.100.1');
    expect(clientAddress('127.0.0.1', '203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(clientAddress('127.0.0.1', '198.51.100.9, 203.0.113.5, 10.1.2.3', trusted)).toBe('203.0.113.5');
    expect(clientAddress('2001:db8::7', '2001:DB8::8, 2001:0db9::1', trusted)).toBe('2001:0db9::1');
    // Every hop trusted: the leftmost is the client.
    expect(clientAddress('127.0.0.1', '10.0.0.2', trusted)).toBe('10.0.0.2');
    // Garbage stops the walk at the last address that was one.
    expect(clientAddress('127.0.0.1', 'not-an-address', trusted)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
  });

  it('ignores the header when nothing is trusted', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.5', proxyTrust(parseTrustedProxies('')))).toBe('127.0.0.1');
  });
});
