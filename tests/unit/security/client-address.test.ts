import { describe, expect, it } from 'vitest';
import { parseAddressList, proxyTrust, resolveClient } from '../../../src/lib/security/client-address.ts';

const headers = (values: Record<string, string>) => new Headers(values);

describe('the client behind trusted proxies', () => {
  const trust = proxyTrust(['127.0.0.1', '10.0.0.0/8']);

  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    const client = resolveClient('198.51.100.7', headers({ 'x-forwarded-for': '203.0.113.1', 'x-forwarded-proto': 'https' }), proxyTrust([]));
    expect(client).toEqual({ address: '198.51.100.7', viaTrustedProxy: false, forwardedOrigin: null });
  });

  it('is the peer when the peer is not a trusted proxy', () => {
    expect(resolveClient('198.51.100.7', headers({ 'x-forwarded-for': '203.0.113.1' }), trust).address).toBe('198.51.100.7');
  });

  it('is the rightmost untrusted address, skipping trusted hops', () => {
    expect(resolveClient('127.0.0.1', headers({ 'x-forwarded-for': '203.0.113.5' }), trust).address).toBe('203.0.113.5');
    expect(resolveClient('127.0.0.1', headers({ 'x-forwarded-for': '203.0.113.5, 10.1.2.3' }), trust).address).toBe('203.0.113.5');
  });

  it('never believes what the client wrote itself in front of the address its proxy added', () => {
    // A proxy that appends: the client sent "X-Forwarded-For: 6.6.6.6", the proxy added the real address.
    expect(resolveClient('127.0.0.1', headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.5' }), trust).address).toBe('203.0.113.5');
    expect(resolveClient('127.0.0.1', headers({ 'x-forwarded-for': '10.9.9.9, 203.0.113.5' }), trust).address).toBe('203.0.113.5');
  });

  it('recognises a trusted proxy seen as an IPv4-mapped IPv6 address', () => {
    expect(resolveClient('::ffff:127.0.0.1', headers({ 'x-forwarded-for': '203.0.113.5' }), trust)).toMatchObject({ address: '203.0.113.5', viaTrustedProxy: true });
  });

  it('takes the public origin from a trusted proxy only', () => {
    const forwarded = headers({ 'x-forwarded-for': '203.0.113.5', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'consult.example.gov.bz' });
    expect(resolveClient('127.0.0.1', forwarded, trust).forwardedOrigin).toBe('https://consult.example.gov.bz');
    expect(resolveClient('198.51.100.7', forwarded, trust).forwardedOrigin).toBeNull();
    expect(resolveClient('127.0.0.1', headers({ 'x-forwarded-proto': 'https', host: 'consult.example.gov.bz:8443' }), trust).forwardedOrigin).toBe('https://consult.example.gov.bz:8443');
    expect(resolveClient('127.0.0.1', headers({ 'x-forwarded-proto': 'gopher', host: 'x' }), trust).forwardedOrigin).toBeNull();
    expect(resolveClient('127.0.0.1', headers({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example/path@x' }), trust).forwardedOrigin).toBeNull();
  });
});

describe('a list of trusted addresses', () => {
  it('accepts addresses, CIDR ranges and the named ranges', () => {
    expect(parseAddressList(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback'])).toHaveLength(5);
  });

  it('names the first entry that is not an address', () => {
    expect(() => parseAddressList(['127.0.0.1', 'proxy.example.org'])).toThrow('"proxy.example.org" is not an IP address or CIDR range');
    expect(() => parseAddressList(['10.0.0.0/33'])).toThrow(/10\.0\.0\.0\/33/);
  });
});
