import { describe, expect, it } from 'vitest';
import { BodyTooLarge, readTextLimited } from './body.ts';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
	new Request('http://x/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('readTextLimited', () => {
	it('reads a body within the limit as UTF-8', async () => {
		expect(await readTextLimited(post('héllo 👋'), 100)).toBe('héllo 👋');
	});
	it('refuses a declared length over the limit before reading', async () => {
		await expect(
			readTextLimited(post('x'.repeat(10), { 'content-length': '999' }), 5)
		).rejects.toBeInstanceOf(BodyTooLarge);
	});
	it('refuses a streamed body that grows past the limit', async () => {
		const stream = new ReadableStream<Uint8Array>({
			start(c) {
				for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(100));
				c.close();
			}
		});
		await expect(readTextLimited(post(stream), 500)).rejects.toBeInstanceOf(BodyTooLarge);
	});
});
