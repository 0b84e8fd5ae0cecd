import { describe, expect, it } from 'vitest';
import { blockedAddressReason, parseIpv6 } from './ip-ranges.ts';

describe('blockedAddressReason', () => {
  it.each([
    ['0.0.0.0', 'this network'],
    ['10.1.2.3', 'a private network'],
    ['100.100.100.200', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'metadata'],
    ['169.254.10.1', 'link-local'],
    ['172.16.0.1', 'a private network'],
    ['172.31.255.255', 'a private network'],
    ['192.168.0.10', 'a private network'],
    ['192.0.2.5', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
  ])('refuses IPv4 %s (%s)', (address, why) => {
    expect(blockedAddressReason(address)).toContain(why);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.215.14', '172.15.255.255', '172.32.0.1', '100.63.255.255', '169.253.0.1', '11.0.0.1'])('lets public IPv4 %s through', (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback (IPv4-mapped)'],
    ['::ffff:7f00:1', 'loopback (IPv4-mapped)'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'metadata service (IPv4-mapped)'],
    ['::ffff:10.0.0.1', 'a private network (IPv4-mapped)'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['64:ff9b::a00:1', 'a private network (NAT64)'],
    ['64:ff9b::169.254.169.254', 'metadata service (NAT64)'],
    ['2002:c0a8:0101::1', 'a private network (6to4)'],
    ['fc00::1', 'unique local'],
    ['fd00:ec2::254', 'unique local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['100::1', 'discard'],
  ])('refuses IPv6 %s (%s)', (address, why) => {
    expect(blockedAddressReason(address)).toContain(why);
  });

  it.each(['2606:4700:4700::1111', '2a00:1450:4001:82a::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:0808:0808::1'])('lets public IPv6 %s through', (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });

  it('refuses what is not an address', () => {
    expect(blockedAddressReason('example.com')).toBe('not an address');
    expect(blockedAddressReason('1.2.3')).toBe('not an address');
  });

  it('reads every IPv6 spelling to the same groups', () => {
    expect(parseIpv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIpv6('1::8')).toEqual([1, 0, 0, 0, 0, 0, 0, 8]);
    expect(parseIpv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIpv6('1:2:3:4:5:6:1.2.3.4')).toEqual([1, 2, 3, 4, 5, 6, 0x102, 0x304]);
  });
});
