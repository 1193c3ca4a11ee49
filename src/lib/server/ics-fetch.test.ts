import { describe, expect, it } from 'vitest';
import { fetchCalendar, isPrivateAddress, normalizeCalendarUrl } from './ics-fetch.ts';

describe('isPrivateAddress', () => {
	it.each([
		'127.0.0.1',
		'10.1.2.3',
		'172.16.0.1',
		'192.168.1.1',
		'169.254.169.254',
		'100.64.0.1',
		'0.0.0.0',
		'::1',
		'::',
		'fe80::1',
		'fd00::1',
		'::ffff:127.0.0.1',
		'::ffff:7f00:1',
		'::ffff:a9fe:a9fe',
		'not an address'
	])('refuses %s', (address) => {
		expect(isPrivateAddress(address)).toBe(true);
	});
	it.each(['8.8.8.8', '142.250.74.46', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
		'allows %s',
		(address) => {
			expect(isPrivateAddress(address)).toBe(false);
		}
	);
});

describe('normalizeCalendarUrl', () => {
	it('reads webcal as https and drops the fragment', () => {
		expect(normalizeCalendarUrl(' webcal://example.org/a.ics#x ', []).href).toBe(
			'https://example.org/a.ics'
		);
	});
	it('allows plain http only for listed hosts (with or without a port)', () => {
		expect(() => normalizeCalendarUrl('http://example.org/a.ics', [])).toThrow(/Only https/);
		expect(normalizeCalendarUrl('http://example.org/a.ics', ['example.org']).protocol).toBe(
			'http:'
		);
		expect(() =>
			normalizeCalendarUrl('http://example.org:8080/a.ics', ['example.org:9090'])
		).toThrow(/Only https/);
		expect(normalizeCalendarUrl('http://example.org:8080/a.ics', ['example.org:8080']).port).toBe(
			'8080'
		);
	});
	it.each([
		['ftp://example.org/a.ics', /Only https/],
		['file:///etc/passwd', /Only https/],
		['https://user:pw@example.org/a.ics', /user name or password/],
		['not a url', /not a web address/]
	])('refuses %s', (url, message) => {
		expect(() => normalizeCalendarUrl(url, [])).toThrow(message);
	});
});

describe('fetchCalendar', () => {
	it('refuses a loopback address before connecting, and a host name that resolves to one', async () => {
		const options = { allow: [], timeoutMs: 2000, maxBytes: 1000 };
		await expect(fetchCalendar('https://127.0.0.1:1/a.ics', options)).rejects.toThrow(
			/private or local network/
		);
		await expect(fetchCalendar('https://localhost:1/a.ics', options)).rejects.toThrow(
			/private or local network/
		);
		await expect(fetchCalendar('https://[::1]:1/a.ics', options)).rejects.toThrow(
			/private or local network/
		);
	});
});
