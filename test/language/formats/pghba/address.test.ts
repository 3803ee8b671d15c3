/** Numeric addresses as glibc's getaddrinfo(AI_NUMERICHOST) reads them; each case was checked against PostgreSQL. */
import * as assert from 'node:assert/strict';
import { cidrLength, ipv4MaskLength, networkContains, numericAddress, parseIpv4 } from '../../../../language/formats/pghba/address';

describe('pg_hba.conf addresses', () => {
  it("reads IPv4 in inet_aton's exact forms, and nothing more", () => {
    for (const text of ['127.0.0.1', '127.1', '2130706433', '0x7f.1', '010.0.0.1', '00000001', '1.16777215', '1.2.65535', '0xffffffff', '0']) {
      assert.notEqual(parseIpv4(text), undefined, text);
    }
    for (const text of ['256.1.1.1', '1.2.3.4.5', '0x', '08.1.1.1', '1.', '1..2', '.1', '+1.2.3.4', '4294967296', '1.16777216', '1.2.3.0400', '09', '1.2.3.4 ']) {
      assert.equal(parseIpv4(text), undefined, text);
    }
    assert.equal(parseIpv4('127.1'), 0x7f000001);
  });

  it('reads IPv6 as inet_pton does, with numeric zones', () => {
    for (const text of ['::', '::1', '1::', '1:2:3:4:5:6:7:8', '::ffff:1.2.3.4', '1:2:3:4:5:6:1.2.3.4', 'ABCD::EF', '::1%4294967295']) {
      assert.equal(numericAddress(text)?.family, 'ipv6', text);
    }
    for (const text of ['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', '::ffff:01.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', '::1%4294967296', 'fe80::1%', '::1%-1', '1.2.3.4%1', 'g::1', '[::1]']) {
      assert.equal(numericAddress(text), undefined, text);
    }
    assert.deepEqual(numericAddress('fe80::1%eth0'), { family: 'ipv6', interfaceScope: 'eth0' });
  });

  it('reads a CIDR length as strtol does', () => {
    assert.equal(cidrLength('+8', 'ipv4'), 8);
    assert.equal(cidrLength('-0', 'ipv4'), 0);
    assert.equal(cidrLength('\t8', 'ipv4'), 8);
    assert.equal(cidrLength('08', 'ipv4'), 8);
    for (const text of ['', '8 ', '0x8', '33', '-1', '99999999999999999999', '8x']) assert.equal(cidrLength(text, 'ipv4'), undefined, text);
    assert.equal(cidrLength('128', 'ipv6'), 128);
  });

  it('turns contiguous netmasks into lengths and compares networks', () => {
    assert.equal(ipv4MaskLength('255.255.255.0'), 24);
    assert.equal(ipv4MaskLength('255.0.255.0'), undefined);
    assert.equal(networkContains('ipv4', '10.0.0.0', 8, '10.1.2.0', 24), true);
    assert.equal(networkContains('ipv4', '10.0.0.0', 16, '10.1.2.0', 24), false);
    assert.equal(networkContains('ipv6', '2001:db8::', 32, '2001:db8:1::', 48), true);
  });
});
