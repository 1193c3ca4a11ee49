/**
 * Calendar feeds against the real server: the HTTP contract, three independent parsers (python3
 * icalendar, vobject with validation, libical's restriction check), a real subscribing client
 * (vdirsyncer's http storage into a folder, read by khal), and all-day dates that do not depend
 * on the server's time zone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ITEM_KINDS, PlanFile, type Item } from '#lib/domain/schema.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';
import { describe, expect, it } from '../helpers/fixture.ts';

const TOKEN = 'feeds-test-admin-token';
const PY = '/usr/bin/python3';

let work: string;
let seed: PlanFile;

/** A GET with exactly these headers (fetch would add Accept; Google sends none). */
function rawGet(
	server: RunningServer,
	url: string,
	headers: Record<string, string> = {},
	method = 'GET'
): Promise<{
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}> {
	return new Promise((resolve, reject) => {
		// A fresh connection each time: a kept-alive socket can be closed by the server while a
		// synchronous CLI call blocks this process, and reusing it then fails with "socket hang up".
		const req = httpRequest(url, { method, headers, agent: false }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (body += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
		});
		req.on('error', (e) => reject(new Error(`${method} ${url}: ${String(e)}\n${server.output()}`)));
		req.end();
	});
}

function cli(server: RunningServer, ...args: string[]): string {
	return execFileSync(process.execPath, ['scripts/plan.ts', ...args], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', DATABASE_PATH: server.dbPath, PUBLIC_URL: server.url },
		encoding: 'utf8'
	});
}

async function postPlan(server: RunningServer, plan: PlanFile): Promise<void> {
	const res = await fetch(`${server.url}/api/plan`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(plan)
	});
	expect(res.status, await res.text()).toBe(200);
}

function block(ics: string, uid: string): string {
	const unfolded = ics.replace(/\r\n /g, '');
	return unfolded.split('BEGIN:VEVENT').find((b) => b.includes(`UID:${uid}\r\n`)) ?? '';
}

it.override('serverOptions', { env: { ADMIN_TOKEN: TOKEN } });
it.beforeAll(async ({ server }) => {
	work = mkdtempSync(path.join(tmpdir(), 'iww-feeds-'));
	seed = PlanFile.parse(await (await fetch(`${server.url}/api/plan`)).json());
});

it.afterAll(() => {
	if (work) rmSync(work, { recursive: true, force: true });
});

describe('feed HTTP', () => {
	it('serves text/calendar without an Accept header, with validators, caching and a file name', async ({
		server
	}) => {
		const res = await rawGet(server, `${server.url}/calendar.ics`);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
		expect(res.headers['cache-control']).toMatch(/^public/);
		expect(res.headers['content-disposition']).toBe('inline; filename="plan.ics"');
		const etag = String(res.headers.etag);
		expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/); // strong
		const lastModified = String(res.headers['last-modified']);
		expect(Date.parse(lastModified)).not.toBeNaN();
		expect(res.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);

		const again = await rawGet(server, `${server.url}/calendar.ics`);
		expect(again.body).toBe(res.body); // byte-identical while the plan is unchanged
		expect(again.headers.etag).toBe(etag);

		const inm = await rawGet(server, `${server.url}/calendar.ics`, {
			'if-none-match': `"x", ${etag}`
		});
		expect(inm.status).toBe(304);
		expect(inm.body).toBe('');
		expect(inm.headers.etag).toBe(etag);
		expect(
			(await rawGet(server, `${server.url}/calendar.ics`, { 'if-none-match': '"other"' })).status
		).toBe(200);
		const ims = await rawGet(server, `${server.url}/calendar.ics`, {
			'if-modified-since': lastModified
		});
		expect(ims.status).toBe(304);
		const old = await rawGet(server, `${server.url}/calendar.ics`, {
			'if-modified-since': 'Mon, 01 Jan 2001 00:00:00 GMT'
		});
		expect(old.status).toBe(200);

		const head = await rawGet(server, `${server.url}/calendar.ics`, {}, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.body).toBe('');
		expect(head.headers['content-type']).toBe('text/calendar; charset=utf-8');
		expect(head.headers.etag).toBe(etag);
	});

	it('has a feed per kind and per group, and 404s for unknown ones', async ({ server }) => {
		for (const kind of ITEM_KINDS) {
			const res = await rawGet(server, `${server.url}/feeds/${kind}.ics`);
			expect(res.status, kind).toBe(200);
			expect(res.body).toContain('BEGIN:VCALENDAR');
		}
		for (const g of seed.groups)
			expect((await rawGet(server, `${server.url}/feeds/groups/${g.id}.ics`)).status).toBe(200);
		for (const bad of ['/feeds/nothing.ics', '/feeds/groups/nobody.ics', '/feeds/groups/BAD!.ics'])
			expect((await rawGet(server, `${server.url}${bad}`)).status, bad).toBe(404);
	});

	it('serves a private feed for a token from the CLI, privately, and 404s for a wrong or rotated one', async ({
		server
	}) => {
		const first = /\/feeds\/people\/([A-Za-z0-9_-]{43})\.ics/.exec(
			cli(server, 'rotate-token', 'lise-fuhr')
		)?.[1];
		expect(first).toBeDefined();
		const res = await rawGet(server, `${server.url}/feeds/people/${first}.ics`);
		expect(res.status).toBe(200);
		expect(res.headers['cache-control']).toMatch(/^private/);
		expect(res.body).toContain('SUMMARY:You lead: 1st IWW consultation');
		expect(res.body).toContain('SUMMARY:You must attend: MWC Barcelona 2024');
		writeFileSync(path.join(work, 'person.ics'), res.body);

		const wrong = first!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
		expect((await rawGet(server, `${server.url}/feeds/people/${wrong}.ics`)).status).toBe(404);
		expect((await rawGet(server, `${server.url}/feeds/people/short.ics`)).status).toBe(404);
		const second = /\/feeds\/people\/([A-Za-z0-9_-]{43})\.ics/.exec(
			cli(server, 'rotate-token', 'lise-fuhr')
		)?.[1];
		expect((await rawGet(server, `${server.url}/feeds/people/${first}.ics`)).status).toBe(404);
		expect((await rawGet(server, `${server.url}/feeds/people/${second}.ics`)).status).toBe(200);
	});
});

describe('independent parsers', () => {
	it('finds zero problems in every feed with icalendar, vobject and libical', async ({
		server
	}) => {
		const files = [path.join(work, 'person.ics')];
		const paths = [
			'/calendar.ics',
			...ITEM_KINDS.map((k) => `/feeds/${k}.ics`),
			...seed.groups.map((g) => `/feeds/groups/${g.id}.ics`)
		];
		for (const [i, p] of paths.entries()) {
			const file = path.join(work, `feed-${i}.ics`);
			writeFileSync(file, (await rawGet(server, `${server.url}${p}`)).body);
			files.push(file);
		}
		const out = execFileSync(
			PY,
			[path.join(ROOT, 'tests/integration/tools/check_ics.py'), ...files],
			{ encoding: 'utf8' }
		);
		const report = JSON.parse(out) as Record<
			string,
			Record<string, { problems: string[]; events: number }>
		>;
		for (const [file, parsers] of Object.entries(report)) {
			for (const [parser, r] of Object.entries(parsers)) {
				expect(r.problems, `${parser} on ${file}`).toEqual([]);
				expect(r.events, `${parser} events in ${file}`).toBeGreaterThanOrEqual(0);
			}
			// All three parsers see the same events.
			expect(new Set(Object.values(parsers).map((r) => r.events)).size, file).toBe(1);
		}
		expect(report[files[1]!]?.libical?.events).toBe(
			seed.items.filter((i) => i.when.type !== 'tbd').length
		);
	});
});

describe('all-day dates do not depend on the server zone', () => {
	it.for(['Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
		'NETmundial+10 is 20240429/20240501 with TZ=%s',
		async (zone) => {
			const s = await startServer({ env: { TZ: zone } });
			try {
				const body = (await rawGet(s, `${s.url}/calendar.ics`)).body;
				const ev = block(body, 'netmundial-10@iww-planner.invalid');
				expect(ev).toContain('DTSTART;VALUE=DATE:20240429\r\n');
				expect(ev).toContain('DTEND;VALUE=DATE:20240501\r\n');
			} finally {
				await s.stop();
			}
		}
	);
});

describe('a real subscriber: vdirsyncer + khal', () => {
	const day = (d: string) => d;
	function setup(server: RunningServer) {
		const dir = path.join(work, 'client');
		const cal = path.join(dir, 'cal');
		writeFileSync(path.join(work, 'vdirsyncer.conf'), '');
		execFileSync('mkdir', ['-p', cal, path.join(dir, 'status')]);
		const vconf = path.join(dir, 'vdirsyncer.conf');
		writeFileSync(
			vconf,
			[
				'[general]',
				`status_path = "${path.join(dir, 'status')}/"`,
				'[pair plan]',
				'a = "plan_remote"',
				'b = "plan_local"',
				'collections = null',
				'conflict_resolution = "a wins"',
				'[storage plan_remote]',
				'type = "http"',
				`url = "${server.url}/calendar.ics"`,
				'[storage plan_local]',
				'type = "filesystem"',
				`path = "${cal}/"`,
				'fileext = ".ics"',
				''
			].join('\n')
		);
		const kconf = path.join(dir, 'khal.conf');
		writeFileSync(
			kconf,
			[
				'[calendars]',
				'[[plan]]',
				`path = ${cal}/`,
				'type = calendar',
				'[sqlite]',
				`path = ${path.join(dir, 'khal.db')}`,
				'[locale]',
				'local_timezone = UTC',
				'default_timezone = UTC',
				'timeformat = %H:%M',
				'dateformat = %Y-%m-%d',
				'longdateformat = %Y-%m-%d',
				'datetimeformat = %Y-%m-%d %H:%M',
				'longdatetimeformat = %Y-%m-%d %H:%M',
				''
			].join('\n')
		);
		return { cal, vconf, kconf, dir };
	}

	function sync(vconf: string): void {
		const r = spawnSync('vdirsyncer', ['-c', vconf, 'sync'], {
			encoding: 'utf8',
			input: 'y\n',
			env: { ...process.env, HOME: work }
		});
		expect(r.status, `vdirsyncer sync: ${r.stdout}${r.stderr}`).toBe(0);
	}

	/** khal's agenda for one day: one line per event, "CANCELLED " marking cancelled ones. */
	function khalDay(kconf: string, date: string): string[] {
		const out = execFileSync(
			'khal',
			['-c', kconf, 'list', '--format', '{cancelled}{title}', '--day-format', '', date, date],
			{
				encoding: 'utf8',
				env: { ...process.env, HOME: work, TZ: 'UTC' }
			}
		);
		return out
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
	}

	it('shows the plan on the right days, then a move and a cancellation without duplicates', async ({
		server
	}) => {
		// Items in the future of the real clock, so the cancelled one is still kept in the feed.
		const future = (id: string, date: string, title: string): Item => ({
			id,
			kind: 'meeting',
			title,
			when: { type: 'day', date },
			location: null,
			linkedTo: null,
			group: null,
			status: 'planned'
		});
		const a = future('sync-test-move', '2031-03-10', 'Sync test: to be moved');
		const b = future('sync-test-cancel', '2031-03-12', 'Sync test: to be cancelled');
		await postPlan(server, { ...seed, items: [...seed.items, a, b] });

		const { vconf, kconf, cal } = setup(server);
		const discover = spawnSync('vdirsyncer', ['-c', vconf, 'discover'], {
			encoding: 'utf8',
			input: 'y\n',
			env: { ...process.env, HOME: work }
		});
		expect(discover.status, `${discover.stdout}${discover.stderr}`).toBe(0);
		sync(vconf);

		expect(khalDay(kconf, day('2024-04-28'))).not.toContain('NETmundial+10');
		expect(khalDay(kconf, day('2024-04-29'))).toContain('NETmundial+10');
		expect(khalDay(kconf, day('2024-04-30'))).toContain('NETmundial+10');
		expect(khalDay(kconf, day('2024-05-01'))).not.toContain('NETmundial+10');
		expect(khalDay(kconf, '2023-12-18')).toContain('Leadership Panel virtual plenary');
		expect(khalDay(kconf, '2031-03-10')).toEqual(['Sync test: to be moved']);
		expect(khalDay(kconf, '2031-03-12')).toEqual(['Sync test: to be cancelled']);
		const before = readdirSync(cal).length;

		await postPlan(server, {
			...seed,
			items: [...seed.items, { ...a, when: { type: 'day', date: '2031-03-20' } }]
		});
		sync(vconf);

		expect(khalDay(kconf, '2031-03-10')).toEqual([]);
		expect(khalDay(kconf, '2031-03-20')).toEqual(['Sync test: to be moved']);
		expect(khalDay(kconf, '2031-03-12')).toEqual([
			'CANCELLED Cancelled: Sync test: to be cancelled'
		]);
		// Same number of files: the moved item replaced itself, nothing was duplicated.
		const files = readdirSync(cal);
		expect(files.length).toBe(before);
		const uids = files.map((f) =>
			/^UID:(.*)$/m
				.exec(readFileSync(path.join(cal, f), 'utf8').replace(/\r?\n /g, ''))?.[1]
				?.trim()
		);
		expect(new Set(uids).size).toBe(uids.length);
		const texts = files.map((f) => readFileSync(path.join(cal, f), 'utf8').replace(/\r?\n /g, ''));
		const moved = texts.find((t) => t.includes('UID:sync-test-move@'));
		expect(moved ?? texts.filter((t) => t.includes('Sync test')).join('\n---\n')).toMatch(
			/^SEQUENCE:1\r?$/m
		);
	});
});
