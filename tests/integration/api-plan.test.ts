/**
 * The /api/plan contract: export, authenticated import with a change summary, refusals that leave
 * the plan byte-for-byte as it was, and persistence across a restart on the same database file.
 */
import { PlanFile } from '#lib/domain/schema.ts';
import { fetchText } from '../helpers/http.ts';
import { removeTempDb, startServer, tempDbPath, type RunningServer } from '../helpers/server.ts';
import { anotherServer, describe, expect, startsServer, test as base } from '../helpers/fixture.ts';

const TOKEN = 'api-plan-test-token-4f1c';

async function getPlanBytes(s: RunningServer): Promise<string> {
	const res = await fetchText(`${s.url}/api/plan`);
	expect(res.status).toBe(200);
	return res.body;
}

async function getPlan(s: RunningServer): Promise<PlanFile> {
	return PlanFile.parse(JSON.parse(await getPlanBytes(s)));
}

function post(
	s: RunningServer,
	body: unknown,
	headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }
) {
	return fetchText(`${s.url}/api/plan`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}

/** A deep copy that a test can change freely. */
const clone = <T>(v: T): T => structuredClone(v);

/** The summary fields may be counts or id lists; either way this is how many. */
function count(v: unknown): number {
	if (typeof v === 'number') return v;
	if (Array.isArray(v)) return v.length;
	throw new Error(`summary field is neither a number nor a list: ${JSON.stringify(v)}`);
}

/** `open`: a second server, without ADMIN_TOKEN. */
const it = base.extend('open', { scope: 'file' }, anotherServer());
it.override('serverOptions', { env: { ADMIN_TOKEN: TOKEN } });
it.beforeAll(startsServer);

describe('GET /api/plan', () => {
	it('returns the whole seeded plan as a valid PlanFile', async ({ server }) => {
		const res = await fetchText(`${server.url}/api/plan`);
		expect(res.status).toBe(200);
		expect(res.type).toMatch(/^application\/json/);
		const json = JSON.parse(res.body) as Record<string, unknown>;
		for (const key of [
			'version',
			'people',
			'groups',
			'locations',
			'items',
			'assignments',
			'dependencies',
			'commitments'
		]) {
			expect(json, `field ${key}`).toHaveProperty(key);
		}
		const parsed = PlanFile.safeParse(json);
		expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 5))).toBe(true);
		const plan = parsed.data!;
		expect(plan.people.map((p) => p.name)).toContain('Vint Cerf');
		expect(plan.items.map((i) => i.when.text)).toContain('early May 2024');
	});

	it('is stable: two reads give the same bytes', async ({ server }) => {
		expect(await getPlanBytes(server)).toBe(await getPlanBytes(server));
	});
});

describe('POST /api/plan refusals change nothing', () => {
	const wrongAuth: [string, Record<string, string>][] = [
		['no Authorization header', {}],
		['a wrong token', { authorization: 'Bearer wrong-token' }],
		['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
		['the token with an extra character', { authorization: `Bearer ${TOKEN}x` }],
		['the token without "Bearer"', { authorization: TOKEN }],
		['an empty bearer', { authorization: 'Bearer ' }],
		['Basic auth', { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` }]
	];

	it.for(wrongAuth)('answers %s with 401', async ([_label, headers], { server }) => {
		const before = await getPlanBytes(server);
		const plan = JSON.parse(before) as PlanFile;
		plan.items[0]!.title = 'Changed without permission';
		const res = await post(server, plan, headers);
		expect(res.status).toBe(401);
		expect(await getPlanBytes(server)).toBe(before);
	});

	/** Each case breaks a valid plan in one way and names the path the error must point at. */
	const invalid: [string, (p: PlanFile) => unknown, RegExp][] = [
		[
			'a bad calendar date',
			(p) => {
				p.items[3]!.when = { type: 'day', date: '2024-02-30', text: undefined };
				return p;
			},
			/^items\[3\]\.when\.date: /
		],
		[
			'a malformed date',
			(p) => {
				p.items[2]!.when = { type: 'day', date: '1 May 2024', text: undefined };
				return p;
			},
			/^items\[2\]\.when\.date: /
		],
		[
			'a dangling reference',
			(p) => {
				const i = p.assignments.findIndex((a) => a.person !== undefined);
				expect(i, 'the seed has an assignment to a person').toBeGreaterThanOrEqual(0);
				p.assignments[i]!.person = 'nobody-by-this-id';
				return p;
			},
			/^assignments\[\d+\]\.person: /
		],
		[
			'a duplicate id',
			(p) => {
				p.people[1]!.id = p.people[0]!.id;
				return p;
			},
			/^people\[1\]\.id: /
		],
		[
			'a missing list',
			(p) => {
				delete (p as Partial<PlanFile>).items;
				return p;
			},
			/^items: /
		],
		['a wrong version', (p) => ({ ...p, version: 2 }), /^version: /],
		[
			'an unknown item kind',
			(p) => {
				(p.items[0] as { kind: string }).kind = 'party';
				return p;
			},
			/^items\[0\]\.kind: /
		]
	];

	it.for(invalid)(
		'answers %s with 400 naming the path',
		async ([_label, breakIt, path], { server }) => {
			const before = await getPlanBytes(server);
			const res = await post(server, breakIt(JSON.parse(before) as PlanFile));
			expect(res.status).toBe(400);
			expect(res.type).toMatch(/^application\/json/);
			const json = JSON.parse(res.body) as { error: unknown; issues: unknown };
			expect(typeof json.error).toBe('string');
			expect(Array.isArray(json.issues)).toBe(true);
			const issues = json.issues as string[];
			expect(
				issues.some((s) => path.test(s)),
				JSON.stringify(issues)
			).toBe(true);
			expect(await getPlanBytes(server)).toBe(before);
		}
	);

	it.for([
		['not JSON', '{"version": 1, "people": ['],
		['an empty body', ''],
		['a JSON array', '[]'],
		['JSON null', 'null']
	])('answers %s with 400 and an error', async ([_label, raw], { server }) => {
		const before = await getPlanBytes(server);
		const res = await post(server, raw);
		expect(res.status).toBe(400);
		const json = JSON.parse(res.body) as { error: unknown; issues: unknown };
		expect(typeof json.error).toBe('string');
		expect(Array.isArray(json.issues)).toBe(true);
		expect(await getPlanBytes(server)).toBe(before);
	});
});

describe('POST /api/plan with the token', () => {
	it('replaces the plan, answers with a summary, and GET reflects it', async ({ server }) => {
		const plan = await getPlan(server);
		const target = plan.items.find((i) => i.kind === 'activity') ?? plan.items[0]!;
		const next = clone(plan);
		next.items.find((i) => i.id === target.id)!.title = 'Renamed by the import test';
		next.items.push({
			id: 'import-test-added-item',
			kind: 'deadline',
			title: 'Added by the import test',
			when: { type: 'day', date: '2024-06-14', text: 'mid June 2024' },
			location: null,
			linkedTo: null,
			group: null,
			status: 'planned'
		});

		const res = await post(server, next);
		expect(res.status, res.body).toBe(200);
		expect(res.type).toMatch(/^application\/json/);
		const summary = JSON.parse(res.body) as Record<string, unknown>;
		expect(count(summary.added)).toBe(1);
		expect(count(summary.changed)).toBe(1);
		expect(count(summary.removed)).toBe(0);
		expect(count(summary.unchanged)).toBeGreaterThan(0);

		const after = await getPlan(server);
		expect(after.items.find((i) => i.id === target.id)?.title).toBe('Renamed by the import test');
		expect(after.items.find((i) => i.id === 'import-test-added-item')?.title).toBe(
			'Added by the import test'
		);
		const page = await fetchText(`${server.url}/items/import-test-added-item`);
		expect(page.status).toBe(200);
		expect(page.body).toContain('Added by the import test');
	});

	it('posting what GET returns changes nothing', async ({ server }) => {
		const before = await getPlanBytes(server);
		const res = await post(server, before);
		expect(res.status, res.body).toBe(200);
		const summary = JSON.parse(res.body) as Record<string, unknown>;
		expect(count(summary.added)).toBe(0);
		expect(count(summary.changed)).toBe(0);
		expect(count(summary.removed)).toBe(0);
		expect(await getPlanBytes(server)).toBe(before);
	});

	it('removes what the new plan leaves out', async ({ server }) => {
		const plan = await getPlan(server);
		const next = clone(plan);
		next.items = next.items.filter((i) => i.id !== 'import-test-added-item');
		expect(next.items.length, 'the item added by the earlier test is there').toBe(
			plan.items.length - 1
		);
		const res = await post(server, next);
		expect(res.status, res.body).toBe(200);
		const summary = JSON.parse(res.body) as Record<string, unknown>;
		expect(count(summary.removed)).toBe(1);
		expect(count(summary.added)).toBe(0);
		const after = await getPlan(server);
		expect(after.items.some((i) => i.id === 'import-test-added-item')).toBe(false);
	});
});

describe('without ADMIN_TOKEN on the server', () => {
	it.beforeAll(({ open }) => void open); // started before its tests (see startsServer)

	it.for<[string, Record<string, string>]>([
		['no header', {}],
		['an empty bearer', { authorization: 'Bearer ' }],
		['"Bearer undefined"', { authorization: 'Bearer undefined' }],
		['"Bearer null"', { authorization: 'Bearer null' }],
		['any token', { authorization: `Bearer ${TOKEN}` }]
	])('refuses every import (%s)', async ([_label, headers], { open }) => {
		const before = await getPlanBytes(open);
		const plan = JSON.parse(before) as PlanFile;
		plan.items[0]!.title = 'Changed on an open server';
		const res = await post(open, plan, headers);
		expect([401, 403]).toContain(res.status);
		expect(await getPlanBytes(open)).toBe(before);
	});
});

describe('persistence', () => {
	it('keeps an imported change across a restart on the same DATABASE_PATH', async () => {
		const dbPath = tempDbPath();
		try {
			const first = await startServer({ dbPath, env: { ADMIN_TOKEN: TOKEN } });
			let changed: string;
			try {
				const plan = await getPlan(first);
				plan.people.find((p) => p.name === 'Vint Cerf')!.role = 'Chair (restart test)';
				const res = await post(first, plan);
				expect(res.status, res.body).toBe(200);
				changed = await getPlanBytes(first);
			} finally {
				await first.stop();
			}

			const second = await startServer({ dbPath, env: { ADMIN_TOKEN: TOKEN } });
			try {
				const plan = await getPlan(second);
				expect(plan.people.find((p) => p.name === 'Vint Cerf')?.role).toBe('Chair (restart test)');
				// Not re-seeded on top: the restart serves exactly what was there.
				expect(await getPlanBytes(second)).toBe(changed);
			} finally {
				await second.stop();
			}
		} finally {
			removeTempDb(dbPath);
		}
	});
});
