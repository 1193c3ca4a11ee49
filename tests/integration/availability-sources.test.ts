/**
 * Availability sources through the real server and database, with calendars served by a real
 * local http and https server (tests/helpers/calendar-server.ts): subscribing, refreshing a
 * calendar that changed (replaced by UID, the moved event keeps its busy period), 304 with ETag,
 * the fetcher's guards (redirect to another host, private address, plain http, too large, a
 * server that hangs), re-uploading the same file (no new version), the per-member limit, pause
 * and remove. The address never shows up in the public plan.
 */
import { calendar, type CalendarServer } from '../helpers/calendar-server.ts';
import { memberLink } from '../helpers/cli.ts';
import { postForm, signInAs } from '../helpers/forms.ts';
import { fetchText, textOf } from '../helpers/http.ts';
import { calendarServer, describe, expect, test as base } from '../helpers/fixture.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

const links: Record<string, string> = {};
const LIMIT = 40;

const ADMIN_TOKEN = 'sources-admin-token';

// The calendar server first: the app's servers are told where it is (and to trust its certificate).
const it = base
	.extend('cal', { scope: 'file' }, calendarServer)
	// A second server, whose refresh timer is due every ~2 seconds, looked at every second.
	.extend('timed', { scope: 'file' }, async ({ cal }, { onCleanup }) => {
		const timed = await startServer({
			env: { ...cal.env(), ICS_REFRESH_HOURS: '0.0005', ICS_REFRESH_TICK_SECONDS: '1', ADMIN_TOKEN }
		});
		onCleanup(() => timed.stop());
		return timed;
	});
it.override('serverOptions', ({ cal }) => ({
	env: {
		...cal.env(),
		ICS_FETCH_TIMEOUT_MS: '1500',
		BUSY_LIMIT_PER_PERSON: String(LIMIT),
		ICS_REFRESH_HOURS: '0',
		ORGANIZER_PASSWORD: 'sources-organizer',
		ADMIN_TOKEN
	}
}));
it.beforeAll(({ server }) => {
	for (const p of ['lise-fuhr', 'gbenga-sesan', 'carol-roach', 'vint-cerf'])
		links[p] = memberLink(server, p);
}, 120_000);

type Busy = {
	id: string;
	person: string;
	source: string;
	sourceId?: string;
	uid?: string;
	when?: { start?: string };
	reason: string;
};
/** The whole plan as an organizer reads it: private periods keep their UID and source. */
async function planState(server: RunningServer) {
	const res = await fetch(`${server.url}/api/plan`, {
		headers: { authorization: `Bearer ${ADMIN_TOKEN}` }
	});
	const body = await res.text();
	const plan = JSON.parse(body) as { commitments: Busy[] };
	return { etag: res.headers.get('etag'), body, commitments: plan.commitments };
}
const busyOf = async (server: RunningServer, person: string) =>
	(await planState(server)).commitments.filter((c) => c.person === person && c.source === 'busy');

const post = (person: string, action: string, fields: Record<string, string> | FormData) =>
	postForm(`${links[person]!}?/${action}`, fields);
const sourceIds = (html: string) =>
	[...html.matchAll(/data-source="(s[0-9a-f]+)"/g)].map((m) => m[1]!);
const page = async (person: string) => (await fetchText(links[person]!)).body;

const ev = (uid: string, day: string, summary = uid) => ({
	uid,
	start: `2024-03-${day}T09:00`,
	end: `2024-03-${day}T10:00`,
	summary
});

describe('subscribed calendar addresses', () => {
	it('subscribes, refreshes a changed calendar by UID, and answers 304 as unchanged', async ({
		server,
		cal
	}) => {
		const person = 'lise-fuhr';
		cal.calendars.set('main', calendar([ev('a', '05', 'Board'), ev('b', '06'), ev('c', '07')]));
		const res = await post(person, 'subscribe', {
			url: `${cal.https}/cal/main.ics`,
			label: 'Work',
			keepSummary: 'on'
		});
		expect(res.status).toBe(200);
		expect(textOf(res.body)).toContain('Imported 3 busy times');
		const first = await busyOf(server, person);
		expect(first.map((c) => c.uid).sort()).toEqual(['a', 'b', 'c']);
		const idOfA = first.find((c) => c.uid === 'a')!.id;
		const html = await page(person);
		const [source] = sourceIds(html);
		expect(source).toBeDefined();
		expect(first.every((c) => c.sourceId === source)).toBe(true);
		// The address is the member's secret: on their page, never in the public plan or history.
		expect(textOf(html)).toContain(`${cal.https}/cal/main.ics`);
		const state = await planState(server);
		expect(state.body).not.toContain('/cal/main.ics');
		// Its periods are private ("reasons private"): the public plan keeps neither their UIDs
		// nor their source, only that the member is busy then.
		const open = JSON.parse((await fetchText(`${server.url}/api/plan`)).body) as {
			commitments: Busy[];
		};
		const publicBusy = open.commitments.filter((c) => c.person === person && c.source === 'busy');
		expect(publicBusy).toHaveLength(3);
		expect(publicBusy.some((c) => c.uid !== undefined || c.sourceId !== undefined)).toBe(false);
		const history = (await fetchText(`${server.url}/history`)).body;
		expect(history).not.toContain('/cal/main.ics');
		// One entry for the import, not one per event.
		expect(textOf(history)).toContain(
			'imported busy times for Lise Fuhr from “Work”: 3 new, 0 changed, 0 removed'
		);

		// Same calendar again: the server answers 304 to our ETag; nothing is written.
		const again = await post(person, 'refreshSource', { source: source! });
		expect(textOf(again.body)).toContain('has not changed');
		expect(cal.log.at(-1)).toMatchObject({ path: '/cal/main.ics', status: 304 });
		expect((await planState(server)).etag).toBe(state.etag);

		// The calendar changes: a moved, b cancelled, d new.
		cal.calendars.set('main', calendar([ev('a', '12', 'Board'), ev('c', '07'), ev('d', '08')]));
		const refreshed = await post(person, 'refreshSource', { source: source! });
		expect(textOf(refreshed.body)).toContain('1 new, 1 changed, 1 removed, 1 unchanged');
		const after = await busyOf(server, person);
		expect(after.map((c) => c.uid).sort()).toEqual(['a', 'c', 'd']);
		const a = after.find((c) => c.uid === 'a')!;
		expect(a.id).toBe(idOfA);
		expect(a.when?.start).toBe('2024-03-12T09:00:00Z');
		expect(textOf(await page(person))).toMatch(/subscribed address · 3\s+busy times/);
	});

	it('shows the address to organizers on /people/{id}, to nobody else', async ({ server, cal }) => {
		const cookie = await signInAs(server.url, 'Ana', 'sources-organizer');
		const address = `${cal.https}/cal/main.ics`;
		const asOrganizer = await fetchText(`${server.url}/people/lise-fuhr`, { headers: { cookie } });
		expect(textOf(asOrganizer.body)).toContain('Work · subscribed address · 3 busy times');
		expect(asOrganizer.body).toContain(address);
		const anonymous = await fetchText(`${server.url}/people/lise-fuhr`);
		expect(anonymous.status).toBe(200);
		expect(anonymous.body).not.toContain('/cal/main.ics');
		expect(textOf((await fetchText(links['vint-cerf']!)).body)).not.toContain('/cal/main.ics');
	});

	it('follows a same-host redirect, and plain http for an allowed host', async ({ cal }) => {
		cal.calendars.set('main', calendar([ev('r1', '20')]));
		const same = await post('carol-roach', 'subscribe', { url: `${cal.https}/redirect-same.ics` });
		expect(textOf(same.body)).toContain('Imported 1 busy time');
		cal.calendars.set('plain', calendar([ev('p1', '21'), ev('p2', '22')]));
		const plain = await post('vint-cerf', 'subscribe', { url: `${cal.http}/cal/plain.ics` });
		expect(textOf(plain.body)).toContain('Imported 2 busy times');
	});

	it.for<[string, (cal: CalendarServer) => string, string]>([
		[
			'a redirect to another host',
			(cal) => `${cal.https}/redirect-other.ics`,
			'redirected to another server'
		],
		['too many redirects', (cal) => `${cal.https}/redirect-loop.ics`, 'redirected too many times'],
		[
			'a private address not in ICS_FETCH_ALLOW',
			(cal) => `https://localhost:${cal.httpsPort}/cal/main.ics`,
			'on a private or local network'
		],
		['plain http elsewhere', () => 'http://calendar.example.org/x.ics', 'Only https addresses'],
		['a calendar over 2 MB', (cal) => `${cal.https}/large.ics`, 'larger than 2 MB'],
		[
			'a server that never answers',
			(cal) => `${cal.https}/hang.ics`,
			'did not send the calendar within 2 seconds'
		],
		['a missing calendar', (cal) => `${cal.https}/cal/none.ics`, 'answered 404']
	])('refuses %s, storing nothing', async ([_name, url, message], { server, cal }) => {
		const person = 'gbenga-sesan';
		const before = await planState(server);
		const t0 = performance.now();
		const res = await post(person, 'subscribe', { url: url(cal) });
		expect(performance.now() - t0).toBeLessThan(15_000);
		expect(res.status).toBe(400);
		expect(textOf(res.body)).toContain(message);
		expect((await planState(server)).etag).toBe(before.etag);
		expect(sourceIds(await page(person))).toEqual([]);
	});
});

describe('uploaded files as sources', () => {
	const upload = (text: string, source?: string) => {
		const form = new FormData();
		form.set('file', new File([text], 'work.ics', { type: 'text/calendar' }));
		if (source) form.set('source', source);
		return form;
	};

	it('re-uploading the same file changes nothing; a changed one replaces by UID; remove deletes', async ({
		server
	}) => {
		const person = 'gbenga-sesan';
		const text = calendar([ev('f1', '11'), ev('f2', '12')]);
		const first = await post(person, 'importIcs', upload(text));
		expect(textOf(first.body)).toContain('Imported 2 busy times');
		const [source] = sourceIds(await page(person));
		const state = await planState(server);
		const rows = (await busyOf(server, person)).length;

		const same = await post(person, 'importIcs', upload(text, source));
		expect(textOf(same.body)).toContain('Nothing changed');
		expect((await planState(server)).etag).toBe(state.etag);
		expect((await busyOf(server, person)).length).toBe(rows);

		const changed = await post(person, 'importIcs', upload(calendar([ev('f2', '13')]), source));
		expect(textOf(changed.body)).toContain('0 new, 1 changed, 1 removed');
		expect((await busyOf(server, person)).map((c) => c.uid)).toEqual(['f2']);

		const removed = await post(person, 'removeSource', { source: source! });
		expect(textOf(removed.body)).toContain('and its 1 busy time');
		expect(await busyOf(server, person)).toEqual([]);
		expect(sourceIds(await page(person))).toEqual([]);
	});

	it('refuses a file that takes the member over the limit, writing nothing', async ({ server }) => {
		const person = 'gbenga-sesan';
		const before = await planState(server);
		const many = Array.from({ length: LIMIT + 1 }, (_, i) => ({
			uid: `m${i}`,
			start: `2024-04-01T${String(i % 24).padStart(2, '0')}:00`,
			end: `2024-04-01T${String(i % 24).padStart(2, '0')}:30`,
			summary: 'x'
		}));
		const res = await post(person, 'importIcs', upload(calendar(many)));
		expect(res.status).toBe(400);
		expect(textOf(res.body)).toContain(
			`This would give 'Gbenga Sesan ${LIMIT + 1} busy times; a member may have at most ${LIMIT}. Nothing was saved.`
		);
		expect((await planState(server)).etag).toBe(before.etag);
		expect(sourceIds(await page(person))).toEqual([]);
	});

	it('pauses and resumes a subscription; settings restyle its periods', async ({ server }) => {
		const person = 'carol-roach';
		const [source] = sourceIds(await page(person));
		await post(person, 'pauseSource', { source: source!, paused: 'on' });
		expect(textOf(await page(person))).toContain('Paused: not refreshed until you resume it.');
		await post(person, 'pauseSource', { source: source! });
		expect(textOf(await page(person))).not.toContain('Paused:');
		const saved = await post(person, 'sourceSettings', {
			source: source!,
			strength: 'soft',
			visibility: 'public'
		});
		expect(textOf(saved.body)).toContain('1 busy time changed');
		expect((await busyOf(server, person))[0]).toMatchObject({
			strength: 'soft',
			visibility: 'public'
		});
	});

	it('will not touch another member’s source', async ({ server }) => {
		const [source] = sourceIds(await page('carol-roach'));
		const res = await post('vint-cerf', 'removeSource', { source: source! });
		expect(res.status).toBe(404);
		expect(await busyOf(server, 'carol-roach')).toHaveLength(1);
	});
});

describe('the refresh timer', () => {
	// The `timed` server: the timer the server starts on its own.
	let link: string;
	it.beforeAll(({ timed }) => {
		link = memberLink(timed, 'lise-fuhr');
	}, 120_000);

	const uidsOn = (timed: RunningServer) => async () => {
		const plan = JSON.parse(
			(
				await fetchText(`${timed.url}/api/plan`, {
					headers: { authorization: `Bearer ${ADMIN_TOKEN}` }
				})
			).body
		) as {
			commitments: Busy[];
		};
		return plan.commitments
			.filter((c) => c.person === 'lise-fuhr' && c.source === 'busy')
			.map((c) => c.uid)
			.sort();
	};
	async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
		const end = Date.now() + 20_000;
		let v = await read();
		while (!ok(v) && Date.now() < end) {
			await new Promise((r) => setTimeout(r, 250));
			v = await read();
		}
		return v;
	}

	it('refreshes a subscription on its own, and shows the last error in words', async ({
		cal,
		timed
	}) => {
		const uids = uidsOn(timed);
		cal.calendars.set('timed', calendar([ev('t1', '05')]));
		const res = await postForm(`${link}?/subscribe`, { url: `${cal.https}/cal/timed.ics` });
		expect(textOf(res.body)).toContain('Imported 1 busy time');
		cal.calendars.set('timed', calendar([ev('t2', '06'), ev('t3', '07')]));
		expect(await until(uids, (u) => u.join() === 't2,t3')).toEqual(['t2', 't3']);

		cal.calendars.delete('timed');
		const html = await until(
			async () => textOf((await fetchText(link)).body),
			(t) => t.includes('Last refresh failed')
		);
		expect(html).toContain('Last refresh failed: The server answered 404');
		// The busy times stay as they were when the calendar cannot be read.
		expect(await uids()).toEqual(['t2', 't3']);
	});
});
