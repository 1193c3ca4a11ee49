/**
 * Rendered public pages are cached in memory (hooks.server.ts). A cached page must never be served
 * where it would be wrong: pages carry absolute feed links, so two host names get two pages.
 */
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server.stop();
});

/** A GET with a chosen Host header (fetch does not let us set one). */
function getWithHost(path: string, host: string): Promise<string> {
	const { port } = new URL(server.url);
	return new Promise((resolve, reject) => {
		const req = http.get({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
			let body = '';
			res.setEncoding('utf8').on('data', (d: string) => (body += d));
			res.on('end', () => resolve(body));
		});
		req.on('error', reject);
	});
}

it('serves each host name its own copy of a page with absolute links', async () => {
	const a = await getWithHost('/people/lise-fuhr', 'planner-a.example');
	const b = await getWithHost('/people/lise-fuhr', 'planner-b.example');
	expect(a).toContain('planner-a.example/calendar.ics');
	expect(b).toContain('planner-b.example/calendar.ics');
	expect(b).not.toContain('planner-a.example');
	// And again, now both are cached.
	expect(await getWithHost('/people/lise-fuhr', 'planner-a.example')).toBe(a);
});
