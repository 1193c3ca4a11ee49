import { describe, expect, it } from 'vitest';
import { conditional } from './conditional.ts';

const req = (headers: Record<string, string>) => new Request('http://x/', { headers });
const etag = '"plan-12"';
const lastModified = 'Mon, 30 Nov 2026 06:00:00 GMT';

describe('conditional', () => {
	it('matches If-None-Match weakly, in a list, and *', () => {
		expect(conditional(req({ 'if-none-match': etag }), { etag })).toBe(true);
		expect(conditional(req({ 'if-none-match': `W/${etag}` }), { etag })).toBe(true);
		expect(conditional(req({ 'if-none-match': `"a", ${etag}` }), { etag })).toBe(true);
		expect(conditional(req({ 'if-none-match': '*' }), { etag })).toBe(true);
		expect(conditional(req({ 'if-none-match': '"plan-11"' }), { etag })).toBe(false);
		expect(conditional(req({ 'if-none-match': etag }), {})).toBe(false);
	});

	it('lets If-None-Match win over If-Modified-Since', () => {
		const headers = { 'if-none-match': '"other"', 'if-modified-since': lastModified };
		expect(conditional(req(headers), { etag, lastModified })).toBe(false);
	});

	it('answers If-Modified-Since by the date, never for a date that does not parse', () => {
		const later = 'Mon, 30 Nov 2026 06:00:01 GMT';
		const earlier = 'Mon, 30 Nov 2026 05:59:59 GMT';
		expect(conditional(req({ 'if-modified-since': lastModified }), { lastModified })).toBe(true);
		expect(conditional(req({ 'if-modified-since': later }), { lastModified })).toBe(true);
		expect(conditional(req({ 'if-modified-since': earlier }), { lastModified })).toBe(false);
		expect(conditional(req({ 'if-modified-since': 'yesterday' }), { lastModified })).toBe(false);
		expect(conditional(req({ 'if-modified-since': later }), { etag })).toBe(false);
		expect(conditional(req({}), { etag, lastModified })).toBe(false);
	});
});
