import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isValidTrustProxy, parseTrustProxy, toFastifyTrustProxy } from './trust-proxy.ts';

describe('TRUST_PROXY', () => {
  it('reads true as one proxy hop, never as "trust every hop"', () => {
    expect(parseTrustProxy('true')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy(undefined)).toBe(false);
  });

  it('reads proxy addresses and ranges', () => {
    expect(parseTrustProxy('10.0.0.1, 192.168.0.0/16,loopback')).toEqual(['10.0.0.1', '192.168.0.0/16', 'loopback']);
    expect(isValidTrustProxy('10.0.0.0/8,::1,fd00::/8')).toBe(true);
    expect(isValidTrustProxy('10.0.0.0/33')).toBe(false);
    expect(isValidTrustProxy('proxy.internal')).toBe(false);
    expect(isValidTrustProxy('*')).toBe(false);
  });

  it('trusts only the first n hops from the socket', () => {
    const trust = toFastifyTrustProxy(1);
    if (typeof trust !== 'function') throw new Error('expected a function');
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('198.51.100.7', 1)).toBe(false);
  });

  it('tells loopback hosts', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.4']) expect(isLoopbackHost(host)).toBe(false);
  });
});
