/**
 * Deciding the proposed Riyadh meeting from /find and through POST /api/find/decide, against the
 * real server: one item changes (no new item), its people and groups stay, its feed UID stays
 * with SEQUENCE + 1 and STATUS:CONFIRMED, its holds come back cancelled, the history says what
 * was decided, and a decision based on an old revision is refused with 409.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PlanFile } from '#lib/domain/schema.ts';
import { postForm, signInAs } from '../helpers/forms.ts';
import { decodeEntities, fetchText } from '../helpers/http.ts';
import { ROOT, type RunningServer } from '../helpers/server.ts';
import { describe, expect, it } from '../helpers/fixture.ts';

const PASSWORD = 'find-decide-test-password';
const TOKEN = 'find-decide-test-admin-token';
const ID = 'riyadh-meeting-2024';
const UID = `${ID}@iww-planner.invalid`;
let cookie: string;
let feedUrl: string;

it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD, ADMIN_TOKEN: TOKEN } });
it.beforeAll(async ({ server }) => {
	cookie = await signInAs(server.url, 'Ana', PASSWORD);
	// Asynchronously: a blocked event loop would miss the server closing idle keep-alive sockets.
	const r = await promisify(execFile)(
		process.execPath,
		['scripts/plan.ts', 'rotate-token', 'lise-fuhr'],
		{
			cwd: ROOT,
			env: { PATH: process.env.PATH ?? '', DATABASE_PATH: server.dbPath, PUBLIC_URL: server.url },
			encoding: 'utf8'
		}
	);
	feedUrl = /(https?:\/\/\S+\/feeds\/people\/[A-Za-z0-9_-]{43}\.ics)/.exec(r.stdout)![1]!;
});

const plan = async (server: RunningServer) =>
	PlanFile.parse(JSON.parse((await fetchText(`${server.url}/api/plan`)).body));

/** The VEVENTs of Lise Fuhr's feed by UID, unfolded, as property → value. */
async function feed(): Promise<Map<string, Record<string, string>>> {
	const text = (await fetchText(feedUrl)).body.replace(/\r\n[ \t]/g, '');
	const events = new Map<string, Record<string, string>>();
	for (const block of text.split('BEGIN:VEVENT').slice(1)) {
		const props: Record<string, string> = {};
		for (const line of block.split('\r\n')) {
			const m = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line);
			if (m && !(m[1]! in props)) props[m[1]!] = m[2]!;
		}
		events.set(props.UID ?? '', props);
	}
	return events;
}

const revisionOn = (html: string) => Number(/name="revision" value="(\d+)"/.exec(html)?.[1]);

const decideApi = (server: RunningServer, body: unknown, auth = `Bearer ${TOKEN}`) =>
	fetch(`${server.url}/api/find/decide`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: auth },
		body: JSON.stringify(body)
	});

describe('deciding the proposed meeting', () => {
	it('holds the proposed windows, then decides one of them in one change', async ({ server }) => {
		const anonymous = await fetchText(`${server.url}/find`);
		expect(anonymous.body).not.toContain('Decide:');
		expect((await postForm(`${server.url}/find?/decide`, { item: ID })).status).toBe(403);

		const page = await fetchText(`${server.url}/find`, { headers: { cookie } });
		expect(decodeEntities(page.body)).toContain('Decide: 18–19 Feb 2024');
		expect(page.body).not.toContain('Save as a new meeting');
		let revision = revisionOn(page.body);
		expect(revision).toBeGreaterThan(0);

		// Holds on: four tentative holds in Lise Fuhr's feed (she is on the Panel).
		const held = await postForm(
			`${server.url}/find?/holds`,
			{ item: ID, revision: String(revision), holds: 'on' },
			{ cookie }
		);
		expect(held.status).toBe(303);
		const before = await feed();
		const holds = [...before.entries()].filter(([uid]) => uid.startsWith(`${ID}-hold-`));
		expect(holds.map(([, e]) => e.STATUS)).toEqual(Array(4).fill('TENTATIVE'));
		expect(holds.every(([, e]) => e.SUMMARY?.startsWith('Hold: '))).toBe(true);
		const main = before.get(UID)!;
		expect(main.STATUS).toBe('TENTATIVE');
		revision = revisionOn((await fetchText(`${server.url}/find`, { headers: { cookie } })).body);

		const plan0 = await plan(server);
		const assignments0 = plan0.assignments.filter((a) => a.item === ID);
		expect(assignments0.some((a) => a.group === 'leadership-panel')).toBe(true);

		// A decision based on an older revision is refused and changes nothing.
		const stale = await postForm(
			`${server.url}/find?/decide`,
			{
				item: ID,
				revision: String(revision - 1),
				start: '2024-02-18',
				end: '2024-02-19',
				location: 'riyadh'
			},
			{ cookie }
		);
		expect(stale.status).toBe(409);
		expect((await plan(server)).items.find((i) => i.id === ID)?.when.type).toBe('candidates');

		const decided = await postForm(
			`${server.url}/find?/decide`,
			{
				item: ID,
				revision: String(revision),
				start: '2024-02-18',
				end: '2024-02-19',
				location: 'riyadh'
			},
			{ cookie }
		);
		expect(decided.status).toBe(303);
		expect(decided.location).toBe(`/items/${ID}`);

		const plan1 = await plan(server);
		expect(plan1.items).toHaveLength(plan0.items.length); // no new item
		const item = plan1.items.find((i) => i.id === ID)!;
		expect(item).toMatchObject({
			status: 'confirmed',
			location: 'riyadh',
			when: { type: 'range', start: '2024-02-18', end: '2024-02-19', text: '18–19 Feb 2024' }
		});
		expect(plan1.assignments.filter((a) => a.item === ID)).toEqual(assignments0);

		const after = await feed();
		const confirmed = after.get(UID)!;
		expect(confirmed.STATUS).toBe('CONFIRMED');
		expect(Number(confirmed.SEQUENCE)).toBe(Number(main.SEQUENCE) + 1);
		expect(confirmed.DTSTART).toBe('20240218');
		for (const [uid] of holds) {
			expect(after.get(uid)?.STATUS, uid).toBe('CANCELLED');
			expect(Number(after.get(uid)?.SEQUENCE)).toBeGreaterThan(Number(before.get(uid)?.SEQUENCE));
		}
		expect([...after.keys()].filter((u) => u.startsWith(ID)).length).toBe(1 + holds.length);

		const history = decodeEntities(
			(await fetchText(`${server.url}/history?item=${ID}`, { headers: { cookie } })).body
		);
		expect(history).toContain('decided 18–19 Feb 2024; was 25 or 26 to 27 or 28 February 2024');
	});

	it('decides through the API: 401 without the token, 400 naming the field, 409 when stale', async ({
		server
	}) => {
		const item = (await plan(server)).items.find((i) => i.id === ID)!;
		const page = await fetchText(`${server.url}/items/${ID}/edit`, { headers: { cookie } });
		const revision = Number(/name="version" value="(\d+)"/.exec(page.body)?.[1]);
		expect(revision).toBeGreaterThan(1);
		const body = { item: ID, start: '2024-02-19', end: '2024-02-20', expectedRevision: revision };

		expect((await decideApi(server, body, 'Bearer wrong')).status).toBe(401);
		const bad = await decideApi(server, { ...body, end: '2024-02-18' });
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({ field: 'end' });
		const missing = await decideApi(server, { ...body, start: undefined });
		expect(missing.status).toBe(400);
		expect(await missing.json()).toMatchObject({ field: 'start' });
		const unknown = await decideApi(server, { ...body, item: 'no-such-item' });
		expect(unknown.status).toBe(400);
		expect(await unknown.json()).toMatchObject({ field: 'item' });

		const stale = await decideApi(server, { ...body, expectedRevision: revision - 1 });
		expect(stale.status).toBe(409);
		expect(await stale.json()).toMatchObject({ revision });

		const ok = await decideApi(server, body);
		expect(ok.status).toBe(200);
		const answer = (await ok.json()) as { item: typeof item; revision: number };
		expect(answer.item).toMatchObject({
			id: ID,
			status: 'confirmed',
			location: item.location,
			when: { type: 'range', start: '2024-02-19', end: '2024-02-20' }
		});
		expect(answer.revision).toBe(revision + 1);
		// The same decision again, on the revision it was based on, is now stale.
		expect((await decideApi(server, body)).status).toBe(409);
	});

	it('decides a virtual item on a slot, online, in its own zone', async ({ server }) => {
		const id = 'plenary-2023-12-18';
		const page = await fetchText(`${server.url}/items/${id}/edit`, { headers: { cookie } });
		const revision = Number(/name="version" value="(\d+)"/.exec(page.body)?.[1]);
		const before = (await plan(server)).items.find((i) => i.id === id)!;
		const res = await decideApi(server, {
			item: id,
			start: '2023-12-19T14:00:00Z',
			end: '2023-12-19T15:00:00Z',
			expectedRevision: revision
		});
		expect(res.status).toBe(200);
		const after = (await plan(server)).items.find((i) => i.id === id)!;
		expect(after.when).toMatchObject({
			type: 'timed',
			start: '2023-12-19T14:00:00Z',
			end: '2023-12-19T15:00:00Z',
			zone: before.when.type === 'timed' ? before.when.zone : 'UTC'
		});
		expect(after).toMatchObject({ status: 'confirmed', location: 'online' });
		// The virtual tab explains only starts inside the search window.
		const march = decodeEntities(
			(
				await fetchText(
					`${server.url}/find?tab=virtual&from=2024-03-04&to=2024-03-08&start=2023-12-18T16:00Z&item=`
				)
			).body
		);
		expect(march).not.toContain('The start you asked about');
	});

	it('saves a search without an item as a new meeting: a group stays a group, with a lead', async ({
		server
	}) => {
		const page = await fetchText(`${server.url}/find?item=&required=Panel&optional=Sect`, {
			headers: { cookie }
		});
		expect(decodeEntities(page.body)).toContain('Save as a new meeting');
		const before = await plan(server);
		const saved = await postForm(
			`${server.url}/find?/save`,
			{
				title: 'Panel retreat',
				location: 'riyadh',
				start: '2024-03-04',
				end: '2024-03-05',
				required: 'Panel, Chengetai Masango',
				optional: 'Sect',
				lead: 'Lise Fuhr'
			},
			{ cookie }
		);
		expect(saved.status).toBe(303);
		const id = saved.location?.replace('/items/', '') ?? '';
		const after = await plan(server);
		expect(after.items).toHaveLength(before.items.length + 1);
		const mine = after.assignments.filter((a) => a.item === id);
		expect(mine.map((a) => [a.role, a.person ?? a.group])).toEqual([
			['lead', 'lise-fuhr'],
			['required', 'leadership-panel'],
			['required', 'chengetai-masango'],
			['optional', 'igf-secretariat']
		]);
		const unknown = await postForm(
			`${server.url}/find?/save`,
			{ title: 'x', start: '2024-03-04', end: '2024-03-05', required: 'Lise Fur' },
			{ cookie }
		);
		expect(unknown.status).toBe(400);
		expect(decodeEntities(unknown.body)).toContain('did you mean Lise Fuhr (LF)?');
		expect((await plan(server)).items).toHaveLength(after.items.length);
	});
});
