import { describe, expect, it } from 'vitest';
import { getIcannRegistrableDomain, getRegistrableDomain, normaliseHostName } from '../../src/enrich/registrable-domain.js';

describe('getRegistrableDomain', () => {
  it('takes eTLD+1 under ICANN suffixes', () => {
    expect(getRegistrableDomain('api.agora.io')).toBe('agora.io');
    expect(getRegistrableDomain('www.bbc.co.uk')).toBe('bbc.co.uk');
    expect(getRegistrableDomain('a.b.c.example.com')).toBe('example.com');
  });

  it('keeps customer names under private suffixes apart', () => {
    expect(getRegistrableDomain('myapp.appspot.com')).toBe('myapp.appspot.com');
    expect(getRegistrableDomain('d111abcdef8.cloudfront.net')).toBe('d111abcdef8.cloudfront.net');
    expect(getRegistrableDomain('bucket.s3.amazonaws.com')).toBe('bucket.s3.amazonaws.com');
  });

  it('falls back to the ICANN answer when the host is itself a private suffix', () => {
    expect(getRegistrableDomain('googleapis.com')).toBe('googleapis.com');
    expect(getRegistrableDomain('ec2-1-2-3-4.compute-1.amazonaws.com')).toBe('amazonaws.com');
  });

  it('normalises case and trailing dots', () => {
    expect(getRegistrableDomain('WWW.Example.COM.')).toBe('example.com');
    expect(normaliseHostName(' [Host.Example.] ')).toBe('host.example');
  });

  it('returns null for IP literals and single labels', () => {
    expect(getRegistrableDomain('192.168.0.1')).toBeNull();
    expect(getRegistrableDomain('2001:db8::1')).toBeNull();
    expect(getRegistrableDomain('[::1]')).toBeNull();
    expect(getRegistrableDomain('localhost')).toBeNull();
    expect(getRegistrableDomain('')).toBeNull();
  });
});

describe('getIcannRegistrableDomain', () => {
  it('names the domain the service registered, not a customer label under a private suffix', () => {
    expect(getIcannRegistrableDomain('alice-shop.myshopify.com')).toBe('myshopify.com');
    expect(getIcannRegistrableDomain('mapi.apptimize.com.')).toBe('apptimize.com');
    expect(getRegistrableDomain('alice-shop.myshopify.com')).toBe('alice-shop.myshopify.com');
    expect(getIcannRegistrableDomain('192.168.0.15')).toBeNull();
  });
});
