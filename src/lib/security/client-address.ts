/**
 * Who is asking: the client's address and, behind a TLS-terminating proxy,
 * the public origin the browser used.
 *
 * A reverse proxy connects from its own address, so every request seems to
 * come from the proxy and per-client limits become site-wide. The proxy says
 * who the client was in `X-Forwarded-For`, but anyone can write that header,
 * so it is believed only from the proxies this server was told to trust
 * (CONSULTA_TRUSTED_PROXIES), and read right to left: each trusted hop is
 * skipped and the first untrusted address is the client; whatever the
 * client wrote itself sits further left and is never reached. This is the
 * rule of `proxy-addr` (Express's "trust proxy"), which does the address and
 * CIDR matching. Without trusted proxies the TCP peer is the client.
 *
 * The same trust decides whether `X-Forwarded-Proto` and `X-Forwarded-Host`
 * give the public origin, which the origin check of a form post needs.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Decides whether an address is one of ours; `i` is the hop (0 = the TCP peer). */
export type ProxyTrust = (address: string, hop: number) => boolean;

/** The requesting client as the server should count it. */
export interface ResolvedClient {
  /** The client's address: the TCP peer, or the rightmost untrusted `X-Forwarded-For` entry. */
  address: string;
  /** The TCP peer is a trusted proxy. */
  viaTrustedProxy: boolean;
  /** The origin the browser used (`https://host`), from the forwarded headers of a trusted proxy. */
  forwardedOrigin: string | null;
}

/**
 * Checks a list of addresses and CIDR ranges (and proxy-addr's names
 * `loopback`, `linklocal`, `uniquelocal`) and returns it unchanged; throws a
 * RangeError naming the first entry that is neither.
 */
export function parseAddressList(entries: readonly string[]): string[] {
  for (const entry of entries) {
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new RangeError(`"${entry.length > 60 ? `${entry.slice(0, 59)}…` : entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8)`);
    }
  }
  return [...entries];
}

/** A trust function for `addresses`; trusts nothing when the list is empty. */
export function proxyTrust(addresses: readonly string[]): ProxyTrust {
  if (addresses.length === 0) return () => false;
  return proxyaddr.compile([...addresses]);
}

/** Whether `address` is in `ranges` (addresses and CIDR ranges, as parseAddressList accepts). */
export function addressMatcher(ranges: readonly string[]): (address: string) => boolean {
  const trust = proxyTrust(ranges);
  return (address) => trust(address, 0);
}

/**
 * The client of a request whose TCP peer is `peer`, given its headers and
 * which proxies are trusted.
 */
export function resolveClient(peer: string, headers: Headers, trust: ProxyTrust): ResolvedClient {
  const viaTrustedProxy = peer !== '' && trust(peer, 0);
  if (!viaTrustedProxy) return { address: peer, viaTrustedProxy: false, forwardedOrigin: null };
  // proxy-addr reads a Node request; it needs only the socket's address and the header.
  const request = { socket: { remoteAddress: peer }, headers: { 'x-forwarded-for': headers.get('x-forwarded-for') ?? '' } } as unknown as IncomingMessage;
  return { address: proxyaddr(request, trust), viaTrustedProxy: true, forwardedOrigin: forwardedOrigin(headers) };
}

/**
 * `X-Forwarded-Proto` and `X-Forwarded-Host` (or `Host`) as an origin, or
 * null when they do not make one. Of a list, the first value is the one the
 * client-facing proxy set (Express reads them the same way).
 */
function forwardedOrigin(headers: Headers): string | null {
  const first = (name: string) => headers.get(name)?.split(',')[0]?.trim() || undefined;
  const proto = first('x-forwarded-proto')?.toLowerCase();
  const host = first('x-forwarded-host') ?? headers.get('host') ?? undefined;
  if (!proto || !host || (proto !== 'http' && proto !== 'https') || /[/\\@\s]/.test(host)) return null;
  return URL.parse(`${proto}://${host}`)?.origin ?? null;
}
