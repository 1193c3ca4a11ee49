import { describe, expect, it } from 'vitest';
import { clientFamily, type ClientFamily } from './user-agent.ts';

/** User-Agents as the clients send them when they fetch a subscribed calendar. */
const CASES: [string, ClientFamily][] = [
	['Google-Calendar-Importer', 'google'],
	['Mozilla/5.0 (compatible; Google-Calendar-Importer)', 'google'],
	['Microsoft.Exchange/15.20.7828.019', 'microsoft'],
	['Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)', 'microsoft'],
	['Outlook-iOS/723.4027091.prod.iphone (4.2419.0)', 'microsoft'],
	['Outlook-Android/2.0', 'microsoft'],
	['macOS/14.1 (23B74) dataaccessd/1.0', 'apple'],
	['iOS/17.1.1 (21B91) dataaccessd/1.0', 'apple'],
	['Mac OS X/10.15.7 (19H15) CalendarAgent/954', 'apple'],
	['iOS/12.4 (16G77) remindd/1.0', 'apple'],
	['Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.3.1', 'thunderbird'],
	[
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.4.2',
		'thunderbird'
	],
	['Nextcloud Webcal Service', 'nextcloud'],
	['DAVx5/4.3.6-ose (2023/09/05; dav4jvm; okhttp/4.11.0) Android/13', 'nextcloud'],
	['ICSx5/2.1.2-standard (ical4j/3.2.5 okhttp/4.11.0 Android/14)', 'nextcloud'],
	// Browsers and tools: someone opened the link by hand, or a script.
	[
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
		'other'
	],
	[
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
		'other'
	],
	['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0', 'other'],
	[
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
		'other'
	],
	['vdirsyncer/0.19.2', 'other'],
	['curl/8.5.0', 'other'],
	['', 'other']
];

describe('clientFamily', () => {
	it.each(CASES)('%s -> %s', (ua, family) => {
		expect(clientFamily(ua)).toBe(family);
	});

	it('treats a missing header as other', () => {
		expect(clientFamily(null)).toBe('other');
		expect(clientFamily(undefined)).toBe('other');
	});

	it('looks only at a bounded prefix of a huge header', () => {
		expect(clientFamily(`${'x'.repeat(100_000)} Google-Calendar-Importer`)).toBe('other');
		expect(clientFamily(`Google-Calendar-Importer ${'x'.repeat(100_000)}`)).toBe('google');
	});
});
