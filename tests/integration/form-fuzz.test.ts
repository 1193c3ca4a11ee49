/**
 * Fuzzing the forms over HTTP, against the real server and database file: generated bodies for
 * the item forms, a member's busy-time and profile forms, the finder's forms, sign-in, and
 * generated PlanFiles for POST /api/plan. Whatever comes, the answer is never a 5xx, never takes
 * over 2 s, and a refusal (4xx) writes nothing: the plan version stays where it was.
 *
 * Fixed seed (FUZZ_SEED); the run count is modest here and multiplied by FUZZ_RUNS under
 * `npm run fuzz`.
 */
import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { FUZZ_SEED, fuzzRuns } from '../../src/lib/domain/fuzz.test-helper.ts';
import { memberLink } from '../helpers/cli.ts';
import { signInAs } from '../helpers/forms.ts';
import { describe, expect, it } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

const PASSWORD = 'organizer-test-password-fuzz';
const TOKEN = 'admin-token-fuzz';
const SLOW_MS = 2000;

let organizer: string;
let member: string;
let versionDb: DatabaseSync;

it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD, ADMIN_TOKEN: TOKEN } });
it.beforeAll(async ({ server }) => {
	organizer = await signInAs(server.url, 'Fuzz', PASSWORD);
	member = memberLink(server, 'vint-cerf');
	versionDb = new DatabaseSync(server.dbPath, { readOnly: true });
}, 120_000);
it.afterAll(() => {
	versionDb?.close();
});

/** The stored plan version: every write bumps it (write.ts), so equal means nothing written. */
function version(): string {
	const row = versionDb.prepare("SELECT value FROM plan_meta WHERE key = 'revision'").get() as
		{ value: string } | undefined;
	return row?.value ?? '';
}

/** Values a field might get: valid ones, near misses, and hostile text. */
const value = fc.oneof(
	{ weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
	{
		weight: 4,
		arbitrary: fc.constantFrom(
			'early May 2024',
			'15 February 2024',
			'25 or 26 to 27 or 28 February 2024',
			'by 29 Feb 2024',
			'2024-05-01',
			'2024-02-30',
			'Q3 2024',
			'tbd',
			'activity',
			'meeting',
			'event',
			'planned',
			'lead',
			'hard',
			'soft',
			'private',
			'public',
			'vint-cerf',
			'lise-fuhr',
			'riyadh',
			'online',
			'mwc-2024',
			'netmundial-10',
			'09:00',
			'17:00',
			'25:99',
			'Europe/Brussels',
			'Not/AZone',
			'1',
			'-1',
			'99999999999999999999',
			'NaN',
			'',
			' ',
			'%00',
			'\u0000',
			'\r\n',
			'<script>alert(1)</script>',
			'javascript:alert(1)',
			'https://example.org/x',
			'../../etc/passwd',
			'{"__proto__":{"x":1}}'
		)
	},
	{
		weight: 1,
		arbitrary: fc
			.tuple(
				fc.constantFrom('x', 'é', '😀', '\u202e', 'May '),
				fc.integer({ min: 500, max: 20_000 })
			)
			.map(([s, n]) => s.repeat(n))
	}
);

/** A target form: its fields, and a valid body to start from (mutated by the generator). */
type Target = { path: string; cookie?: string; fields: string[]; valid?: Record<string, string> };

const ITEM_FIELDS = [
	'id',
	'title',
	'kind',
	'when',
	'status',
	'location',
	'linkedTo',
	'group',
	'track',
	'url',
	'description',
	'source',
	'version'
];

const targets = (): Target[] => {
	const me = new URL(member).pathname;
	return [
		{
			path: '/items/new?/save',
			cookie: organizer,
			fields: ITEM_FIELDS,
			valid: { title: 'Fuzzed item', kind: 'activity', when: 'early May 2024', status: 'planned' }
		},
		{ path: '/items/riyadh-meeting-2024/edit?/save', cookie: organizer, fields: ITEM_FIELDS },
		{
			path: '/items/riyadh-meeting-2024/edit?/addAssignment',
			cookie: organizer,
			fields: ['who', 'role', 'person', 'group', 'note', 'version']
		},
		{
			path: '/items/riyadh-meeting-2024/edit?/addDependency',
			cookie: organizer,
			fields: ['from', 'to', 'lagDays', 'version']
		},
		{
			path: '/items/riyadh-meeting-2024/edit?/removeAssignment',
			cookie: organizer,
			fields: ['id', 'version']
		},
		{
			path: '/find?/save',
			cookie: organizer,
			fields: ['title', 'location', 'start', 'end', 'required', 'optional', 'lead']
		},
		{
			path: '/find?/decide',
			cookie: organizer,
			fields: ['item', 'start', 'end', 'location', 'revision']
		},
		{ path: '/find?/holds', cookie: organizer, fields: ['item', 'holds', 'revision'] },
		{
			path: `${me}?/addBusy`,
			fields: ['when', 'strength', 'visibility', 'reason', 'place'],
			valid: { when: '12 March 2024', strength: 'hard', visibility: 'private', reason: 'Away' }
		},
		{
			path: `${me}?/editBusy`,
			fields: ['id', 'when', 'strength', 'visibility', 'reason', 'place', 'version']
		},
		{ path: `${me}?/deleteBusy`, fields: ['id'] },
		{
			path: `${me}?/profile`,
			fields: ['zone', 'start', 'end'],
			valid: { zone: 'Europe/Brussels', start: '09:00', end: '17:00' }
		},
		{ path: '/login?/signIn', fields: ['name', 'password', 'next'] }
	];
};

/** How the body is sent: as a browser would, or broken in the ways a script can break it. */
type Encoding = 'urlencoded' | 'multipart' | 'raw-urlencoded' | 'raw-multipart';

const body = fc.record({
	target: fc.nat(),
	/** Start from the target's valid body (when it has one), so the saving side runs too. */
	fromValid: fc.boolean(),
	pairs: fc.array(
		fc.tuple(
			fc.oneof({ weight: 5, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.string() }),
			value
		),
		{ maxLength: 14 }
	),
	encoding: fc.constantFrom<Encoding>(
		'urlencoded',
		'urlencoded',
		'multipart',
		'raw-urlencoded',
		'raw-multipart'
	),
	raw: fc.oneof(
		fc.string({ maxLength: 200 }),
		fc.constantFrom('%', '%zz', '&&&==&', 'a=%E0%A4%A', '--x\r\nContent-Disposition: form-data')
	)
});

function request(
	server: RunningServer,
	t: Target,
	pairs: [string, string][],
	encoding: Encoding,
	raw: string
): { headers: Record<string, string>; body: BodyInit } {
	const headers: Record<string, string> = { origin: server.url, accept: 'text/html' };
	if (t.cookie) headers.cookie = t.cookie;
	switch (encoding) {
		case 'urlencoded':
			headers['content-type'] = 'application/x-www-form-urlencoded';
			return { headers, body: new URLSearchParams(pairs).toString() };
		case 'multipart': {
			const form = new FormData();
			for (const [k, v] of pairs) form.append(k, v);
			return { headers, body: form };
		}
		case 'raw-urlencoded':
			headers['content-type'] = 'application/x-www-form-urlencoded';
			return { headers, body: `${new URLSearchParams(pairs).toString()}&${raw}` };
		case 'raw-multipart':
			headers['content-type'] = 'multipart/form-data; boundary=fuzz';
			return { headers, body: `--fuzz\r\n${raw}\r\n--fuzz` };
	}
}

describe('form bodies over HTTP', () => {
	it('never answers 5xx, never takes over 2 s, and writes nothing when it refuses', async ({
		server
	}) => {
		const all = targets();
		const statuses = new Map<number, number>();
		let slowest = 0;
		await fc.assert(
			fc.asyncProperty(body, async ({ target, fromValid, pairs, encoding, raw }) => {
				const t = all[target % all.length]!;
				const generated = pairs.map(([k, v]): [string, string] => [
					typeof k === 'number' ? t.fields[k % t.fields.length]! : k,
					v
				]);
				// From a valid body, a few of its fields replaced (or doubled) by generated values.
				const named: [string, string][] =
					fromValid && t.valid
						? [
								...Object.entries(t.valid).filter(([k]) => !generated.some(([g]) => g === k)),
								...generated.slice(0, 2)
							]
						: generated;
				const { headers, body: sent } = request(server, t, named, encoding, raw);
				const before = version();
				const t0 = performance.now();
				const res = await fetch(`${server.url}${t.path}`, {
					method: 'POST',
					headers,
					body: sent,
					redirect: 'manual'
				});
				const text = await res.text();
				const ms = performance.now() - t0;
				slowest = Math.max(slowest, ms);
				statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
				const what = `${t.path} ${encoding} ${JSON.stringify(named).slice(0, 300)}`;
				expect(res.status, `${what}\n${text.slice(0, 300)}`).toBeLessThan(500);
				expect(ms, what).toBeLessThan(SLOW_MS);
				if (res.status >= 400) expect(version(), `${what} wrote on ${res.status}`).toBe(before);
			}),
			{ seed: FUZZ_SEED, numRuns: fuzzRuns(300) }
		);
		console.log(
			`form fuzz: ${fuzzRuns(300)} bodies, statuses ${JSON.stringify(Object.fromEntries(statuses))}, slowest ${Math.round(slowest)} ms`
		);
		// Both sides are exercised: some bodies are refused and some are saved.
		expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
		expect([...statuses.keys()].some((s) => s < 400)).toBe(true);
	}, 600_000);
});

describe('PlanFiles over HTTP', () => {
	const seedText = readFileSync(new URL('../../data/iww-2024.plan.json', import.meta.url), 'utf8');
	const seedPlan = JSON.parse(seedText) as Record<string, unknown>;
	const keys = Object.keys(seedPlan);
	const mutated = fc
		.tuple(fc.constantFrom(...keys), fc.nat(), fc.string({ maxLength: 12 }), fc.jsonValue())
		.map(([key, index, field, v]) => {
			const plan = structuredClone(seedPlan);
			const part = plan[key];
			if (Array.isArray(part) && part.length > 0) {
				const el: unknown = part[index % part.length];
				if (el && typeof el === 'object' && !Array.isArray(el)) {
					const fields = Object.keys(el);
					const f = fields.length && index % 2 ? fields[index % fields.length]! : field;
					(el as Record<string, unknown>)[f] = v;
				} else part[index % part.length] = v;
			} else plan[key] = v;
			return JSON.stringify(plan);
		});
	const input = fc.oneof(
		{ weight: 4, arbitrary: mutated },
		{ weight: 1, arbitrary: fc.nat({ max: seedText.length }).map((n) => seedText.slice(0, n)) },
		{ weight: 1, arbitrary: fc.json() }
	);

	it('answers 200 or a 4xx that changed nothing, within 2 s', async ({ server }) => {
		let saved = 0;
		await fc.assert(
			fc.asyncProperty(input, async (text) => {
				const before = version();
				const t0 = performance.now();
				const res = await fetch(`${server.url}/api/plan`, {
					method: 'POST',
					headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
					body: text
				});
				const answer = await res.text();
				const ms = performance.now() - t0;
				expect(res.status, answer.slice(0, 300)).toBeLessThan(500);
				expect(ms).toBeLessThan(SLOW_MS);
				if (res.status >= 400) expect(version()).toBe(before);
				else saved++;
			}),
			{ seed: FUZZ_SEED, numRuns: fuzzRuns(100) }
		);
		expect(saved).toBeGreaterThan(0);
	}, 600_000);
});
