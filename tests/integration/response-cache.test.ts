/**
 * Rendered public pages are cached in memory (hooks.server.ts). A cached page must never be served
 * where it would be wrong: pages carry absolute feed links, so two host names get two pages.
 */
import http from 'node:http';
import { expect, it, startsServer } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

const TOKEN = 'response-cache-test-token';
it.override('serverOptions', { env: { ADMIN_TOKEN: TOKEN } });
it.beforeAll(startsServer);

/** A GET with a chosen Host header (fetch does not let us set one). */
function getWithHost(server: RunningServer, path: string, host: string): Promise<string> {
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

it('serves each host name its own copy of a page with absolute links', async ({ server }) => {
	const a = await getWithHost(server, '/people/lise-fuhr', 'planner-a.example');
	const b = await getWithHost(server, '/people/lise-fuhr', 'planner-b.example');
	expect(a).toContain('planner-a.example/calendar.ics');
	expect(b).toContain('planner-b.example/calendar.ics');
	expect(b).not.toContain('planner-a.example');
	// And again, now both are cached.
	expect(await getWithHost(server, '/people/lise-fuhr', 'planner-a.example')).toBe(a);
});

it('answers repeat requests from the cache, and an import makes the next one fresh', async ({
	server
}) => {
	const first = await fetch(`${server.url}/plan`);
	await first.text();
	const again = await fetch(`${server.url}/plan`);
	expect(again.headers.get('x-cache')).toBe('hit');
	const before = await again.text();

	const plan = (await (await fetch(`${server.url}/api/plan`)).json()) as {
		items: { kind: string; title: string }[];
	};
	const item = plan.items.find((i) => i.kind === 'deadline');
	if (!item) throw new Error('the seed has no deadline');
	item.title = 'A title only the new plan has';
	const posted = await fetch(`${server.url}/api/plan`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(plan)
	});
	expect(posted.status).toBe(200);

	const after = await fetch(`${server.url}/plan`);
	expect(after.headers.get('x-cache')).toBeNull();
	const text = await after.text();
	expect(text).not.toBe(before);
	expect(text).toContain('A title only the new plan has');
});
