/**
 * Saving from the virtual finder on the real server: a slot or a whole series is one write (the
 * plan version goes up by one), one meeting per occurrence, each with a stable UID in the feeds,
 * the history saying what was added; bad input and strangers write nothing. The page shows the
 * viewer's zone, everyone's own clock and only the actions the viewer may take.
 */
import { DatabaseSync } from 'node:sqlite';
import { PlanFile } from '#lib/domain/schema.ts';
import { postForm, signInAs } from '../helpers/forms.ts';
import { decodeEntities, fetchText, textOf } from '../helpers/http.ts';
import { describe, expect, it } from '../helpers/fixture.ts';
import type { RunningServer } from '../helpers/server.ts';

const PASSWORD = 'find-virtual-save-password';
const TOKEN = 'find-virtual-save-token';
let cookie: string;

it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD, ADMIN_TOKEN: TOKEN } });
it.beforeAll(async ({ server }) => {
	cookie = await signInAs(server.url, 'Ana', PASSWORD);
});

const plan = async (server: RunningServer) =>
	PlanFile.parse(
		JSON.parse(
			(await fetchText(`${server.url}/api/plan`, { headers: { authorization: `Bearer ${TOKEN}` } }))
				.body
		)
	);
/** The plan's version as the write path stored it. */
function version(server: RunningServer): number {
	const db = new DatabaseSync(server.dbPath, { readOnly: true });
	try {
		const row = db.prepare(`SELECT value FROM plan_meta WHERE key = 'revision'`).get() as
			{ value: string } | undefined;
		return Number(row?.value ?? 0);
	} finally {
		db.close();
	}
}
const post = (server: RunningServer, body: unknown, auth: string | null = TOKEN) =>
	fetchText(`${server.url}/api/find/virtual/save`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			...(auth ? { authorization: `Bearer ${auth}` } : {})
		},
		body: JSON.stringify(body)
	});
/** UID → SEQUENCE of the public meetings feed. */
async function meetingFeed(server: RunningServer): Promise<Map<string, string>> {
	const text = (await fetchText(`${server.url}/feeds/meeting.ics`)).body.replace(/\r\n[ \t]/g, '');
	const out = new Map<string, string>();
	for (const block of text.split('BEGIN:VEVENT').slice(1)) {
		const uid = /\r\nUID:(.*)\r\n/.exec(block)?.[1];
		if (uid) out.set(uid, /\r\nSEQUENCE:(\d+)/.exec(block)?.[1] ?? '');
	}
	return out;
}

const series = {
	title: 'Panel call',
	occurrences: [
		{ start: '2024-03-04T14:00Z', end: '2024-03-04T15:00Z' },
		{ start: '2024-03-12T15:00Z', end: '2024-03-12T16:00Z' },
		{ start: '2024-03-18T14:00Z', end: '2024-03-18T15:00Z' },
		{ start: '2024-03-25T14:00Z', end: '2024-03-25T15:00Z' }
	],
	required: ['Panel'],
	optional: ['Lise Fuhr'],
	lead: 'Chair'
};

describe('POST /api/find/virtual/save', () => {
	it('refuses strangers and bad input, writing nothing', async ({ server }) => {
		const before = version(server);
		expect((await post(server, series, null)).status).toBe(401);
		for (const [body, field] of [
			[{ ...series, occurrences: [] }, 'occurrences'],
			[
				{ ...series, occurrences: [{ start: '2024-03-04T14:00Z', end: '2024-03-04T14:00Z' }] },
				'occurrences.0.end'
			],
			[
				{ ...series, occurrences: [series.occurrences[0], series.occurrences[0]] },
				'occurrences.1.start'
			],
			[{ ...series, required: ['Nobody At All'] }, 'required[0]'],
			[{ ...series, lead: 'Panel' }, 'lead'],
			[
				{ ...series, occurrences: Array.from({ length: 53 }, () => series.occurrences[0]) },
				'occurrences'
			]
		] as const) {
			const res = await post(server, body);
			expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
			expect((JSON.parse(res.body) as { field: string }).field).toBe(field);
		}
		expect(version(server)).toBe(before);
	});

	it('saves a series as one write, one meeting per occurrence, each with a stable UID', async ({
		server
	}) => {
		const before = version(server);
		const itemsBefore = (await plan(server)).items.length;
		const res = await post(server, series);
		expect(res.status, res.body).toBe(201);
		const { ids } = JSON.parse(res.body) as { ids: string[] };
		expect(ids).toHaveLength(4);
		expect(new Set(ids).size).toBe(4);
		expect(version(server)).toBe(before + 1);

		const after = await plan(server);
		expect(after.items.length).toBe(itemsBefore + 4);
		for (const [k, id] of ids.entries()) {
			const item = after.items.find((i) => i.id === id)!;
			expect(item).toMatchObject({
				kind: 'meeting',
				title: 'Panel call',
				location: 'online',
				when: {
					type: 'timed',
					start: series.occurrences[k]!.start,
					end: series.occurrences[k]!.end
				}
			});
			expect(item.source).toContain(`occurrence ${k + 1} of 4`);
			const mine = after.assignments.filter((a) => a.item === id);
			// The Panel stays one group; the Chair leads; Lise Fuhr is optional.
			expect(mine.find((a) => a.group === 'leadership-panel')?.role).toBe('required');
			expect(mine.some((a) => a.role === 'lead' && a.person)).toBe(true);
			expect(mine.find((a) => a.person === 'lise-fuhr')?.role).toBe('optional');
		}

		const feed = await meetingFeed(server);
		const uids = ids.map((id) => `${id}@iww-planner.invalid`);
		for (const uid of uids) expect(feed.has(uid), uid).toBe(true);

		// Saving the same series again adds four more, never reusing a UID.
		const again = JSON.parse((await post(server, series)).body) as { ids: string[] };
		expect(again.ids.filter((id) => ids.includes(id))).toEqual([]);
		const feed2 = await meetingFeed(server);
		for (const uid of uids) expect(feed2.get(uid)).toBe(feed.get(uid));
		expect([...feed2.keys()].filter((u) => u.startsWith('panel-call-')).length).toBe(8);

		const history = decodeEntities(
			(await fetchText(`${server.url}/history?item=${ids[1]}`, { headers: { cookie } })).body
		);
		expect(textOf(history)).toContain('added “Panel call” (12 March 2024 15:00–16:00 UTC)');
		expect(textOf(history)).toContain('occurrence 2 of 4 of a series');
	});
});

describe('/find?tab=virtual', () => {
	const url = (server: RunningServer, q: Record<string, string>) =>
		`${server.url}/find?${new URLSearchParams({ tab: 'virtual', ...q })}`;

	it('writes the start in the viewer’s zone and everyone’s own, with no raw scores', async ({
		server
	}) => {
		const html = textOf(
			decodeEntities((await fetchText(url(server, { zone: 'Asia/Tokyo', start: '' }))).body)
		);
		expect(html).toContain('(Asia/Tokyo)');
		expect(html).toMatch(/GMT\+9|JST/);
		expect(html).toMatch(/Tue 19 Dec, \d\d:\d\d–\d\d:\d\d in Tokyo/);
		expect(html).toContain('outside working hours');
		expect(html).toMatch(/Best: /);
		expect(html).not.toMatch(/score/i);
		const bad = await fetchText(url(server, { zone: 'Mars/Olympus' }));
		expect(bad.status).toBe(200);
		expect(decodeEntities(bad.body)).toContain('zone: ');
	});

	it('shows the save and decide buttons only to organizers', async ({ server }) => {
		const anon = decodeEntities((await fetchText(url(server, {}))).body);
		expect(anon).not.toContain('Save the series');
		expect(anon).not.toContain('Decide:');
		expect(anon).not.toContain('/api/find');
		expect(anon).toContain('sign in');
		const org = decodeEntities((await fetchText(url(server, {}), { headers: { cookie } })).body);
		expect(org).toContain('Decide:');
		expect(org).not.toContain('sign in</a> to decide');
		const noItem = decodeEntities(
			(await fetchText(url(server, { item: '' }), { headers: { cookie } })).body
		);
		expect(noItem).toMatch(/Save the series as \d+ meetings?/);
		expect(noItem).toContain('Save this slot as a new meeting');
	});

	it('saves the series from the form in one write', async ({ server }) => {
		const before = version(server);
		const form = new URLSearchParams();
		form.set('title', 'Weekly call');
		form.append('occ', '2024-04-02T14:00Z/2024-04-02T15:00Z');
		form.append('occ', '2024-04-09T14:00Z/2024-04-09T15:00Z');
		form.set('required', 'all members');
		form.set('optional', '');
		const fd = new FormData();
		for (const [k, v] of form) fd.append(k, v);
		expect((await postForm(`${server.url}/find?/series`, fd)).status).toBe(403);
		expect(version(server)).toBe(before);
		const res = await postForm(`${server.url}/find?/series`, fd, { cookie });
		expect(res.status).toBe(303);
		expect(res.location).toMatch(/^\/items\/weekly-call-/);
		expect(version(server)).toBe(before + 1);
		const items = (await plan(server)).items.filter((i) => i.title === 'Weekly call');
		expect(items.map((i) => (i.when.type === 'timed' ? i.when.start : ''))).toEqual([
			'2024-04-02T14:00Z',
			'2024-04-09T14:00Z'
		]);
	});
});
