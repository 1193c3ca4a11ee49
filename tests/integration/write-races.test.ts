/**
 * Every write path at once, against the real server: an organizer's form edit, two item-API PUTs
 * from the same read, a member's busy-time form, a finder save and a whole-plan import based on
 * an earlier read. Each round starts them together. Afterwards: every acknowledged write is in the
 * plan, every refused one was answered as a conflict (409/412), never a 500, and SQLite's
 * integrity and foreign-key checks pass.
 */
import { DatabaseSync } from 'node:sqlite';
import { memberLink } from '../helpers/cli.ts';
import { postForm, signInAs, versionIn } from '../helpers/forms.ts';
import { fetchText } from '../helpers/http.ts';
import { expect, it } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

const PASSWORD = 'race-test-password';
const TOKEN = 'race-test-admin-token';
const ROUNDS = 5;
const FORM_ITEM = 'iww-consultation-1';
const API_ITEM = 'iww-review-summary';

let organizer: string;
let link: string;
it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD, ADMIN_TOKEN: TOKEN } });
it.beforeAll(async ({ server }) => {
	organizer = await signInAs(server.url, 'Ana', PASSWORD);
	link = memberLink(server, 'vint-cerf');
});

const auth = { authorization: `Bearer ${TOKEN}` };
type Outcome = { path: string; status: number; mark: string };

async function formEdit(server: RunningServer, round: number): Promise<Outcome> {
	const page = await fetchText(`${server.url}/items/${FORM_ITEM}/edit`, {
		headers: { cookie: organizer }
	});
	const title = `Form title ${round}`;
	const res = await postForm(
		`${server.url}/items/${FORM_ITEM}/edit?/save`,
		{
			version: versionIn(page.body),
			title,
			kind: 'activity',
			when: '1 March 2024',
			status: 'planned'
		},
		{ cookie: organizer }
	);
	return { path: 'form', status: res.status, mark: title };
}

async function apiPuts(server: RunningServer, round: number): Promise<Outcome[]> {
	const got = await fetch(`${server.url}/api/items/${API_ITEM}`);
	const etag = got.headers.get('etag')!;
	const doc = (await got.json()) as { item: Record<string, unknown> };
	const put = async (server: RunningServer, who: string) => {
		const title = `API title ${round} ${who}`;
		const res = await fetch(`${server.url}/api/items/${API_ITEM}`, {
			method: 'PUT',
			headers: { ...auth, 'content-type': 'application/json', 'if-match': etag },
			body: JSON.stringify({ item: { ...doc.item, title } })
		});
		await res.arrayBuffer();
		return { path: 'api', status: res.status, mark: title };
	};
	return Promise.all([put(server, 'a'), put(server, 'b')]);
}

async function busy(round: number): Promise<Outcome> {
	const reason = `race-busy-${round}`;
	const res = await postForm(`${link}?/addBusy`, {
		when: '4 March 2024',
		strength: 'soft',
		visibility: 'public',
		reason
	});
	return { path: 'busy', status: res.status, mark: reason };
}

async function finderSave(server: RunningServer, round: number): Promise<Outcome> {
	const title = `Race meeting ${round}`;
	const res = await fetch(`${server.url}/api/find/meetings`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({
			title,
			location: 'riyadh',
			start: '2024-02-19',
			end: '2024-02-20',
			required: ['vint-cerf'],
			optional: []
		})
	});
	await res.arrayBuffer();
	return { path: 'finder', status: res.status, mark: title };
}

async function importPlan(server: RunningServer, round: number): Promise<Outcome> {
	const got = await fetch(`${server.url}/api/plan`, { headers: auth });
	const etag = got.headers.get('etag')!;
	const plan = (await got.json()) as { items: Record<string, unknown>[] };
	const id = `race-import-${round}`;
	plan.items.push({
		id,
		kind: 'action',
		title: `Imported ${round}`,
		when: { type: 'day', date: '2024-05-02' }
	});
	const res = await fetch(`${server.url}/api/plan`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json', 'if-match': etag },
		body: JSON.stringify(plan)
	});
	await res.arrayBuffer();
	return { path: 'import', status: res.status, mark: id };
}

it('keeps every acknowledged write and reports every refused one as a conflict', async ({
	server
}) => {
	const outcomes: Outcome[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		const results = await Promise.all([
			formEdit(server, round),
			apiPuts(server, round),
			busy(round),
			finderSave(server, round),
			importPlan(server, round)
		]);
		outcomes.push(...results.flat());
	}
	const ok = (o: Outcome) => o.status === 200 || o.status === 201 || o.status === 303;
	const refused = outcomes.filter((o) => !ok(o));
	expect(
		refused.filter((o) => o.status !== 409 && o.status !== 412),
		JSON.stringify(refused)
	).toEqual([]);
	// Two PUTs from one read: exactly one wins each round.
	for (let round = 0; round < ROUNDS; round++) {
		const puts = outcomes.filter(
			(o) => o.path === 'api' && o.mark.startsWith(`API title ${round} `)
		);
		expect(puts.filter(ok)).toHaveLength(1);
	}
	// The member's busy times, the finder's meetings and the form edits never conflict here.
	for (const path of ['busy', 'finder', 'form']) {
		expect(
			outcomes.filter((o) => o.path === path && !ok(o)),
			path
		).toEqual([]);
	}

	const plan = JSON.parse((await fetchText(`${server.url}/api/plan`, { headers: auth })).body) as {
		items: { id: string; title: string }[];
		commitments: { reason: string }[];
	};
	const titleOf = (id: string) => plan.items.find((i) => i.id === id)?.title;
	const lastAcked = (path: string) => outcomes.filter((o) => o.path === path && ok(o)).at(-1)?.mark;
	expect(titleOf(FORM_ITEM)).toBe(lastAcked('form'));
	expect(titleOf(API_ITEM)).toBe(lastAcked('api'));
	for (const o of outcomes.filter(ok)) {
		if (o.path === 'busy')
			expect(
				plan.commitments.some((c) => c.reason === o.mark),
				o.mark
			).toBe(true);
		if (o.path === 'finder')
			expect(
				plan.items.some((i) => i.title === o.mark),
				o.mark
			).toBe(true);
		if (o.path === 'import')
			expect(
				plan.items.some((i) => i.id === o.mark),
				o.mark
			).toBe(true);
	}
	for (const o of outcomes.filter((x) => x.path === 'import' && !ok(x))) {
		expect(
			plan.items.some((i) => i.id === o.mark),
			o.mark
		).toBe(false);
	}

	const db = new DatabaseSync(server.dbPath, { readOnly: true });
	try {
		expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
		expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
	} finally {
		db.close();
	}
}, 120_000);
