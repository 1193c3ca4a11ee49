/**
 * A cached answer is never older than the plan (issue 19). Random sequences of changes, undos
 * (importing the plan as it was a few steps back) and re-dos go through the write path of a real
 * server with its caches on. After every step, for every cached route:
 * - the anonymous (cacheable) answer equals the uncached one (the same GET with a cookie);
 * - in every feed, no UID's SEQUENCE ever goes down, and a UID once published stays (CANCELLED
 *   when removed; the test's items are dated in 2099, so none has passed);
 * - If-None-Match / If-Modified-Since with the previous answer's validators give 304 only when
 *   the body is byte-identical to that previous answer.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { ROOT, type RunningServer } from '../helpers/server.ts';
import { expect, it } from '../helpers/fixture.ts';

const TOKEN = 'cache-versions-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const ITEMS = ['cache-a', 'cache-b', 'cache-c'];

let personalFeed: string;
it.override('serverOptions', { env: { ADMIN_TOKEN: TOKEN } });
it.beforeAll(async ({ server }) => {
	for (const [i, id] of ITEMS.entries()) {
		const res = await fetch(`${server.url}/api/items`, {
			method: 'POST',
			headers: { ...auth, 'content-type': 'application/json' },
			body: JSON.stringify({
				item: {
					id,
					kind: 'meeting',
					title: `Cache item ${id}`,
					when: { type: 'day', date: `2099-03-0${i + 1}` },
					group: 'leadership-panel'
				},
				assignments: [{ role: 'lead', who: 'LF', person: 'lise-fuhr' }]
			})
		});
		expect(res.status, await res.text()).toBe(201);
	}
	const out = execFileSync(process.execPath, ['scripts/plan.ts', 'rotate-token', 'lise-fuhr'], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', DATABASE_PATH: server.dbPath, PUBLIC_URL: server.url },
		encoding: 'utf8'
	});
	personalFeed = /\/feeds\/people\/[A-Za-z0-9_-]{43}\.ics/.exec(out)![0];
});

const ROUTES = () => [
	'/',
	'/gantt',
	'/items/cache-a',
	'/calendar.ics',
	'/feeds/meeting.ics',
	'/feeds/groups/leadership-panel.ics',
	personalFeed
];
const isFeed = (route: string) => route.endsWith('.ics');

type Seen = { body: string; etag: string | null; lastModified: string | null };
const last = new Map<string, Seen>();
const sequences = new Map<string, Map<string, number>>();

async function get(server: RunningServer, route: string, headers: Record<string, string> = {}) {
	const res = await fetch(`${server.url}${route}`, { headers });
	return { status: res.status, body: await res.text(), headers: res.headers };
}

function events(ics: string): Map<string, { sequence: number; status: string }> {
	const out = new Map<string, { sequence: number; status: string }>();
	for (const block of ics.replace(/\r\n /g, '').split('BEGIN:VEVENT').slice(1)) {
		const uid = /\r\nUID:([^\r\n]+)/.exec(block)?.[1];
		if (!uid) continue;
		out.set(uid, {
			sequence: Number(/\r\nSEQUENCE:(\d+)/.exec(block)?.[1] ?? 0),
			status: /\r\nSTATUS:([A-Z]+)/.exec(block)?.[1] ?? ''
		});
	}
	return out;
}

async function checkRoutes(server: RunningServer, step: string): Promise<void> {
	for (const route of ROUTES()) {
		const cached = await get(server, route);
		const uncached = await get(server, route, { cookie: 'uncached=1' });
		expect(cached.status, `${step} ${route}`).toBe(200);
		expect(cached.body, `${step}: cached ${route} equals its uncached rendering`).toBe(
			uncached.body
		);

		const previous = last.get(route);
		if (previous?.etag) {
			const inm = await get(server, route, { 'if-none-match': previous.etag });
			if (inm.status === 304)
				expect(cached.body, `${step}: 304 on ETag for ${route}`).toBe(previous.body);
		}
		if (previous?.lastModified) {
			const ims = await get(server, route, { 'if-modified-since': previous.lastModified });
			if (ims.status === 304)
				expect(cached.body, `${step}: 304 on date for ${route}`).toBe(previous.body);
			const now = cached.headers.get('last-modified');
			if (now) expect(Date.parse(now)).toBeGreaterThanOrEqual(Date.parse(previous.lastModified));
		}
		last.set(route, {
			body: cached.body,
			etag: cached.headers.get('etag'),
			lastModified: cached.headers.get('last-modified')
		});

		if (isFeed(route)) {
			const seen = sequences.get(route) ?? new Map<string, number>();
			const now = events(cached.body);
			for (const [uid, sequence] of seen) {
				const e = now.get(uid);
				expect(e, `${step}: ${uid} left ${route}`).toBeDefined();
				expect(e!.sequence, `${step}: SEQUENCE of ${uid} in ${route}`).toBeGreaterThanOrEqual(
					sequence
				);
			}
			for (const [uid, e] of now) seen.set(uid, e.sequence);
			sequences.set(route, seen);
		}
	}
}

type Step = { kind: 'title' | 'date' | 'delete' | 'undo'; item: number; n: number };
const step: fc.Arbitrary<Step> = fc.record({
	kind: fc.constantFrom('title', 'date', 'delete', 'undo'),
	item: fc.integer({ min: 0, max: ITEMS.length - 1 }),
	n: fc.integer({ min: 1, max: 3 })
});

it('never answers from a cache older than the plan, and feeds never go backwards', async ({
	server
}) => {
	const plans: string[] = [(await get(server, '/api/plan', auth)).body];
	await checkRoutes(server, 'start');
	await fc.assert(
		fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 6 }), async (steps) => {
			for (const [i, s] of steps.entries()) {
				const id = ITEMS[s.item]!;
				const label = `step ${i} ${s.kind} ${id}`;
				if (s.kind === 'undo') {
					const target = plans[Math.max(0, plans.length - 1 - s.n)]!;
					const res = await fetch(`${server.url}/api/plan`, {
						method: 'POST',
						headers: { ...auth, 'content-type': 'application/json' },
						body: target
					});
					expect(res.status, label).toBe(200);
				} else {
					const got = await fetch(`${server.url}/api/items/${id}`);
					if (got.status !== 200) continue; // removed: an undo may bring it back
					const doc = (await got.json()) as { item: Record<string, unknown> };
					const etag = got.headers.get('etag')!;
					const init =
						s.kind === 'delete'
							? { method: 'DELETE', headers: { ...auth, 'if-match': etag } }
							: {
									method: 'PUT',
									headers: { ...auth, 'content-type': 'application/json', 'if-match': etag },
									body: JSON.stringify({
										item:
											s.kind === 'title'
												? { ...doc.item, title: `Cache item ${id} v${s.n}` }
												: { ...doc.item, when: { type: 'day', date: `2099-04-0${s.n}` } }
									})
								};
					const res = await fetch(`${server.url}/api/items/${id}`, init);
					expect([200, 204], label).toContain(res.status);
				}
				plans.push((await get(server, '/api/plan', auth)).body);
				await checkRoutes(server, label);
			}
		}),
		{ numRuns: Number(process.env.CACHE_PROPERTY_RUNS ?? 4), seed: 19 }
	);
}, 300_000);
