import { describe, expect, it } from 'vitest';
import { capture, ResponseCache, toResponse } from './response-cache.ts';

const entry = (size: number) => ({
	status: 200,
	headers: [] as [string, string][],
	body: new Uint8Array(size)
});

describe('ResponseCache', () => {
	it('evicts the least recently used entry past the entry limit', () => {
		const c = new ResponseCache(2, 1000);
		c.set('a', entry(1));
		c.set('b', entry(1));
		c.get('a');
		c.set('c', entry(1));
		expect(c.get('a')).toBeDefined();
		expect(c.get('b')).toBeUndefined();
		expect(c.get('c')).toBeDefined();
		expect(c.size).toBe(2);
	});

	it('keeps the total size under the byte limit and refuses huge bodies', () => {
		const c = new ResponseCache(100, 1000);
		c.set('big', entry(251));
		expect(c.get('big')).toBeUndefined();
		for (let i = 0; i < 10; i++) c.set(`k${i}`, entry(200));
		expect(c.bytes).toBeLessThanOrEqual(1000);
		expect(c.get('k9')).toBeDefined();
		expect(c.get('k0')).toBeUndefined();
	});

	it('replacing a key does not double-count its bytes', () => {
		const c = new ResponseCache(10, 1000);
		c.set('a', entry(100));
		c.set('a', entry(50));
		expect(c.bytes).toBe(50);
	});

	it('round-trips a response, and HEAD gets no body', async () => {
		const original = new Response('héllo', {
			status: 200,
			headers: { 'content-type': 'text/plain' }
		});
		const cached = await capture(original);
		const again = toResponse(cached, false);
		expect(await again.text()).toBe('héllo');
		expect(again.headers.get('content-type')).toBe('text/plain');
		expect(await toResponse(cached, true).text()).toBe('');
	});
});
