import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './AppEnv';

/** Names for groups of proxy addresses, as Express's `trust proxy` setting has them. */
const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * Reads `TRUST_PROXY`: a comma-separated list of proxy addresses, CIDR ranges or the names
 * `loopback`, `linklocal`, `uniquelocal`; empty, `false` or `off` trusts none. Returns the entries,
 * or throws an Error whose message names the first one that is none of these.
 */
export function parseTrustedProxies(spec: string): string[] {
  const trimmed = spec.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'false' || trimmed === 'off') return [];
  const entries = trimmed.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (!(entry in NAMED_RANGES) && !rangeOf(entry)) {
      throw new Error(
        `"${entry}" is not an IP address, a CIDR range or one of ${Object.keys(NAMED_RANGES).join(', ')}`,
      );
    }
  }
  return entries;
}

/** Whether an address belongs to a trusted proxy; built once from {@link parseTrustedProxies}'s entries. */
export function proxyTrust(entries: readonly string[]): (address: string) => boolean {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const range of entries.flatMap((entry) => NAMED_RANGES[entry] ?? [entry])) {
    const parsed = rangeOf(range);
    if (parsed) list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return (address) => {
    const version = isIP(address);
    return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the nearest
 * address in `X-Forwarded-For` that is not one (read from the right, since a client can write
 * anything on the left). With no trusted proxies the header is ignored.
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | undefined,
  trusted: (address: string) => boolean,
): string {
  const hops = (forwardedFor ?? '').split(',').map((hop) => hop.trim());
  let address = unmapIPv4(peer);
  while (trusted(address) && hops.length > 0) {
    const next = unmapIPv4(hops.pop() ?? '');
    if (isIP(next) === 0) break;
    address = next;
  }
  return address;
}

/** Puts the client's address (see {@link clientAddress}) on the context as `clientAddress`. */
export function resolveClientAddress(trustedProxies: readonly string[]): MiddlewareHandler<AppEnv> {
  const trusted = proxyTrust(trustedProxies);
  return async (c, next) => {
    const peer = getConnInfo(c).remote.address ?? 'unknown';
    c.set('clientAddress', clientAddress(peer, c.req.header('x-forwarded-for'), trusted));
    await next();
  };
}

/** `::ffff:192.0.2.1` (an IPv4 client of a dual-stack socket) is `192.0.2.1`. */
function unmapIPv4(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address.toLowerCase();
}

function rangeOf(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}
