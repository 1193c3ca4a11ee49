/**
 * The delivery ledger against the real server: personal feed fetches by the User-Agents of the
 * main calendar clients, recorded (no IP), read back by organizers as "who is behind".
 */
import { execFileSync } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { PlanFile } from '#lib/domain/schema.ts';
import { memberLink } from '../helpers/cli.ts';
import { signInAs } from '../helpers/forms.ts';
import { ROOT, type RunningServer } from '../helpers/server.ts';
import { describe, expect, it } from '../helpers/fixture.ts';

const TOKEN = 'delivery-test-admin-token';
const PASSWORD = 'delivery test password';
const UA = {
	google: 'Google-Calendar-Importer',
	apple: 'macOS/14.1 (23B74) dataaccessd/1.0',
	microsoft: 'Microsoft.Exchange/15.20.7828.019',
	thunderbird: 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.3.1',
	nextcloud: 'Nextcloud Webcal Service'
};

/**
 * fetch, once more when a kept-alive connection was closed under it: the server closes idle
 * connections after 5 s, and a slow CLI step on a loaded machine can make undici reuse a dying one.
 */
function go(url: string, init?: RequestInit): Promise<Response> {
	return fetch(url, init).catch(() => fetch(url, init));
}
const feeds = new Map<string, string>();

function feedUrl(server: RunningServer, person: string): string {
	const out = execFileSync(process.execPath, ['scripts/plan.ts', 'rotate-token', person], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', DATABASE_PATH: server.dbPath, PUBLIC_URL: server.url },
		encoding: 'utf8'
	});
	const url = /https?:\/\/\S+\.ics/.exec(out)?.[0];
	if (!url) throw new Error(out);
	return url;
}

async function get(url: string, headers: Record<string, string>) {
	const res = await go(url, { headers });
	await res.arrayBuffer();
	return res;
}

type Report = {
	people: {
		person: string;
		lastFetch: string | null;
		client: string | null;
		version: string | null;
		current: boolean | null;
		subscribed: boolean;
		sentence: string;
		behind: { item: string; change: string }[];
	}[];
	publicFeeds: { feed: string; client: string; count: number }[];
};

async function report(server: RunningServer): Promise<Report> {
	const res = await go(`${server.url}/api/delivery`, {
		headers: { authorization: `Bearer ${TOKEN}` }
	});
	expect(res.status).toBe(200);
	return (await res.json()) as Report;
}

const row = (r: Report, person: string) => r.people.find((p) => p.person === person)!;

it.override('serverOptions', { env: { ADMIN_TOKEN: TOKEN, ORGANIZER_PASSWORD: PASSWORD } });
it.beforeAll(({ server }) => {
	for (const p of ['lise-fuhr', 'vint-cerf', 'maria-ressa']) feeds.set(p, feedUrl(server, p));
});

describe('delivery ledger', () => {
	it('is for organizers only', async ({ server }) => {
		expect((await go(`${server.url}/api/delivery`)).status).toBe(403);
		const wrong = await go(`${server.url}/api/delivery`, {
			headers: { authorization: 'Bearer nope' }
		});
		expect(wrong.status).toBe(403);
		const page = await go(`${server.url}/delivery`, { redirect: 'manual' });
		expect(page.status).toBe(303);
		const cookie = await signInAs(server.url, 'Anja', PASSWORD);
		const api = await go(`${server.url}/api/delivery`, { headers: { cookie } });
		expect(api.status).toBe(200);
		const html = await (await go(`${server.url}/delivery`, { headers: { cookie } })).text();
		expect(html).toContain('has not subscribed a calendar');
	});

	it('records fetches with client family and version, and says who is behind', async ({
		server
	}) => {
		const lise = feeds.get('lise-fuhr')!;
		const first = await get(lise, { 'user-agent': UA.google });
		expect(first.status).toBe(200);
		const described = await (await go(lise, { headers: { 'user-agent': UA.google } })).text();
		expect(described.replace(/\r\n[ \t]/g, '')).toContain(
			`Changes since your calendar last fetched: ${lise.replace(/\.ics$/, '/changes')}`
		);
		const etag = first.headers.get('etag')!;
		const confirmed = await get(lise, { 'user-agent': UA.google, 'if-none-match': etag });
		expect(confirmed.status).toBe(304);
		expect((await get(feeds.get('vint-cerf')!, { 'user-agent': UA.thunderbird })).status).toBe(200);

		let r = await report(server);
		expect(row(r, 'lise-fuhr')).toMatchObject({
			client: 'google',
			version: etag,
			current: true,
			behind: []
		});
		expect(row(r, 'lise-fuhr').sentence).toMatch(
			/^Lise Fuhr's Google calendar last fetched (just now|1 min ago) and has the current plan\.$/
		);
		expect(row(r, 'vint-cerf').client).toBe('thunderbird');
		expect(row(r, 'maria-ressa')).toMatchObject({ subscribed: true, lastFetch: null });
		expect(row(r, 'maria-ressa').sentence).toContain('no calendar has fetched it yet');
		expect(row(r, 'gbenga-sesan')).toMatchObject({ subscribed: false, lastFetch: null });

		// Move the Riyadh meeting: both calendars now show the old dates.
		await new Promise((res) => setTimeout(res, 5)); // the change must come strictly after
		const plan = PlanFile.parse(await (await go(`${server.url}/api/plan`)).json());
		const moved = {
			...plan,
			items: plan.items.map((i) =>
				i.id === 'riyadh-meeting-2024'
					? { ...i, when: { type: 'range' as const, start: '2024-03-04', end: '2024-03-05' } }
					: i
			)
		};
		const post = await go(`${server.url}/api/plan`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify(moved)
		});
		expect(post.status, await post.text()).toBe(200);

		r = await report(server);
		const behind = row(r, 'lise-fuhr');
		expect(behind.current).toBe(false);
		expect(behind.behind.map((b) => b.item)).toEqual(['riyadh-meeting-2024']);
		expect(behind.sentence).toMatch(/^Lise Fuhr's Google calendar last fetched .*: it /);
		// The import's history keeps the item as it was: the sentence can say what the calendar shows.
		expect(behind.behind[0]!.change).toMatch(
			/^it still shows “.*” on .*2024 \(now 4–5 Mar 2024\)$/
		);
		expect(row(r, 'vint-cerf').current).toBe(false);

		// The feed's description links to the person's "changes since" page, which says the same.
		const changesUrl = lise.replace(/\.ics$/, '/changes');
		const page = await go(changesUrl);
		expect(page.status).toBe(200);
		expect(page.headers.get('cache-control')).toBe('private, no-store');
		const html = await page.text();
		expect(html).toContain('Changes since your calendar last fetched');
		expect(html).toContain('First two-day face-to-face Panel meeting of 2024');
		expect(html).toContain(behind.behind[0]!.change);
		expect((await go(`${server.url}/feeds/people/${'x'.repeat(43)}/changes`)).status).toBe(404);

		// The member's own page says the same and links to the same list, keyed by the member link.
		const me = memberLink(server, 'lise-fuhr');
		const mine = await (await go(me)).text();
		expect(mine).toContain(behind.sentence);
		const meChanges = `${new URL(me).pathname}/changes`;
		expect(mine).toContain(`href="${meChanges}"`);
		const mePage = await go(`${server.url}${meChanges}`);
		expect(mePage.status).toBe(200);
		expect(mePage.headers.get('cache-control')).toBe('private, no-store');
		expect(await mePage.text()).toContain(behind.behind[0]!.change);
		expect((await go(`${server.url}/me/${'x'.repeat(43)}/changes`)).status).toBe(404);

		// Vint's Nextcloud fetches the new version; Lise's Google still has the old one.
		const again = await get(feeds.get('vint-cerf')!, { 'user-agent': UA.nextcloud });
		expect(again.status).toBe(200);
		expect(again.headers.get('etag')).not.toBe(etag);
		r = await report(server);
		expect(row(r, 'vint-cerf')).toMatchObject({ client: 'nextcloud', current: true });
		expect(row(r, 'lise-fuhr').current).toBe(false);
	});

	it('stores no IP address or raw User-Agent, only the family', ({ server }) => {
		const db = new DatabaseSync(server.dbPath, { readOnly: true });
		try {
			const cols = db
				.prepare("select name from pragma_table_info('feed_fetches')")
				.all()
				.map((c) => c.name);
			expect(cols).toEqual(['id', 'person_id', 'at', 'client', 'status', 'version', 'count']);
			const dump = JSON.stringify(db.prepare('select * from feed_fetches').all());
			expect(dump).not.toContain('127.0.0.1');
			expect(dump).not.toContain('Thunderbird/');
		} finally {
			db.close();
		}
	});

	it('counts public and group feeds per client family, front-cache hits included', async ({
		server
	}) => {
		const before = (await report(server)).publicFeeds;
		const n = (list: Report['publicFeeds'], feed: string, client: string) =>
			list.find((c) => c.feed === feed && c.client === client)?.count ?? 0;
		for (let i = 0; i < 3; i++) {
			const res = await get(`${server.url}/calendar.ics`, { 'user-agent': UA.microsoft });
			expect(res.status).toBe(200);
		}
		const hit = await go(`${server.url}/calendar.ics`, { headers: { 'user-agent': UA.apple } });
		await hit.arrayBuffer();
		expect(hit.headers.get('x-cache')).toBe('hit'); // answered by start.js, before SvelteKit
		await get(`${server.url}/feeds/groups/mag.ics`, { 'user-agent': UA.google });
		const after = (await report(server)).publicFeeds;
		expect(n(after, '/calendar.ics', 'microsoft') - n(before, '/calendar.ics', 'microsoft')).toBe(
			3
		);
		expect(n(after, '/calendar.ics', 'apple') - n(before, '/calendar.ics', 'apple')).toBe(1);
		expect(n(after, '/feeds/groups/mag.ics', 'google')).toBe(1);
		// Personal feeds never show up in the anonymous counts.
		expect(after.some((c) => c.feed.startsWith('/feeds/people/'))).toBe(false);
	});
});

describe('a personal feed with private busy periods', () => {
	it("shows the member's own private reasons when they opted in, and never to others", async ({
		server
	}) => {
		const plan = PlanFile.parse(await (await go(`${server.url}/api/plan`)).json());
		const res = await go(`${server.url}/api/plan`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				...plan,
				commitments: [
					...plan.commitments,
					{
						id: 'lf-private',
						person: 'lise-fuhr',
						source: 'busy',
						when: { type: 'range', start: '2024-07-01', end: '2024-07-03' },
						reason: 'Surgery',
						visibility: 'private'
					}
				]
			})
		});
		expect(res.status, await res.text()).toBe(200);
		const lise = feedUrl(server, 'lise-fuhr');
		const optedOut = await (await go(lise)).text();
		expect(optedOut).not.toContain('Surgery');
		execFileSync(process.execPath, ['scripts/plan.ts', 'feed-busy', 'lise-fuhr', 'on'], {
			cwd: ROOT,
			env: { PATH: process.env.PATH ?? '', DATABASE_PATH: server.dbPath },
			encoding: 'utf8'
		});
		const own = (await (await go(lise)).text()).replace(/\r\n[ \t]/g, '');
		expect(own).toContain('SUMMARY:Busy: Surgery');
		const vint = await (await go(feedUrl(server, 'vint-cerf'))).text();
		expect(vint).not.toContain('Surgery');
		expect(await (await go(`${server.url}/calendar.ics`)).text()).not.toContain('Surgery');
	});
});
