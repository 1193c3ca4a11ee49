/**
 * Benchmarks of the built server (run `npm run bench`, or `node bench/run.ts` after a build).
 *
 * Each section is a named function in BENCHES; a later issue adds one by appending to the array.
 * All traffic goes to 127.0.0.1 and every run is bounded in time (BENCH_SECONDS per load run,
 * and a hard stop for the whole script), as this machine is small and shared.
 *
 * Load numbers compare the app with a bare `node:http` server that returns the very same bytes,
 * both in their own process, so the ratio shows what the framework, database and rendering cost.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumAvailable, launchBrowser, VIEWPORTS } from '../tests/helpers/browser.ts';
import { postForm, signInAs, versionIn } from '../tests/helpers/forms.ts';
import { freePort, startServer, type RunningServer } from '../tests/helpers/server.ts';
import { clashBench } from './clashes.ts';
import { ganttBench } from './gantt.ts';
import { finderBench } from './finder.ts';
import { writesBench } from './writes.ts';
import { icsBench } from './ics.ts';

const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = 1;
const CONNECTIONS = 20;
const COLD_RUNS = 3;
const HARD_LIMIT_MS = 600_000;

/** The part of autocannon's programmatic API we use (it ships no types). */
interface Histogram {
	average: number;
	p50: number;
	p99: number;
}
interface AutocannonResult {
	latency: Histogram;
	requests: Histogram & { total: number };
	errors: number;
	timeouts: number;
	non2xx: number;
}
type Autocannon = (opts: {
	url: string;
	connections: number;
	duration: number;
	headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** A line of the printed table. */
interface Row {
	bench: string;
	case: string;
	[metric: string]: string | number;
}

interface BenchContext {
	/** The app on a fresh seeded database, shared by the load sections. */
	app(): Promise<RunningServer>;
}

interface Bench {
	name: string;
	run(ctx: BenchContext): Promise<Row[]>;
}

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** (a) Spawn to the first 200 on `/`, on a fresh database each time (so it includes seeding). */
async function coldStart(): Promise<Row[]> {
	const times: number[] = [];
	for (let i = 0; i < COLD_RUNS; i++) {
		const t0 = performance.now();
		const server = await startServer();
		try {
			for (;;) {
				const res = await fetch(`${server.url}/`);
				await res.arrayBuffer();
				if (res.status === 200) break;
				if (performance.now() - t0 > 20_000) throw new Error(`GET / answered ${res.status}`);
				await new Promise((r) => setTimeout(r, 10));
			}
			times.push(performance.now() - t0);
		} finally {
			await server.stop();
		}
	}
	return [
		{
			bench: 'cold-start',
			case: 'spawn -> first 200 on /',
			runs: COLD_RUNS,
			median_ms: round(median(times), 1),
			min_ms: round(Math.min(...times), 1),
			max_ms: round(Math.max(...times), 1)
		}
	];
}

/** A bare node:http server in its own process, answering every request with `body`. */
async function startBare(body: Buffer, contentType: string): Promise<RunningServer> {
	const dir = mkdtempSync(path.join(tmpdir(), 'iww-bench-'));
	const file = path.join(dir, 'body');
	writeFileSync(file, body);
	const port = await freePort();
	const code = `
		const http = require('node:http');
		const body = require('node:fs').readFileSync(${JSON.stringify(file)});
		http.createServer((req, res) => {
			res.writeHead(200, { 'content-type': ${JSON.stringify(contentType)}, 'content-length': body.length });
			res.end(body);
		}).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));
	`;
	const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (c) => reject(new Error(`bare server exited with ${c}`)));
		child.stdout.once('data', () => resolve());
	});
	return {
		url: `http://127.0.0.1:${port}`,
		dbPath: '',
		pid: child.pid ?? -1,
		output: () => '',
		stop: async () => {
			if (child.exitCode === null && child.signalCode === null) {
				const gone = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await gone;
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

async function load(url: string): Promise<AutocannonResult> {
	await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS });
	return autocannon({ url, connections: CONNECTIONS, duration: LOAD_SECONDS });
}

/** (b) The app against a bare server returning the same bytes, per endpoint. */
async function appVsBare(ctx: BenchContext): Promise<Row[]> {
	const app = await ctx.app();
	const rows: Row[] = [];
	for (const endpoint of ['/api/plan', '/']) {
		const res = await fetch(`${app.url}${endpoint}`);
		const body = Buffer.from(await res.arrayBuffer());
		const type = res.headers.get('content-type') ?? 'application/octet-stream';
		if (res.status !== 200) console.warn(`warning: ${endpoint} answered ${res.status}`);

		const appResult = await load(`${app.url}${endpoint}`);
		const bare = await startBare(body, type);
		let bareResult: AutocannonResult;
		try {
			bareResult = await load(`${bare.url}${endpoint}`);
		} finally {
			await bare.stop();
		}
		for (const [who, r] of [
			['app', appResult],
			['bare', bareResult]
		] as const) {
			rows.push({
				bench: 'app-vs-bare',
				case: `${endpoint} ${who}`,
				status: res.status,
				bytes: body.length,
				// autocannon's histogram counts whole milliseconds, so a fast server shows p50 0.
				p50_ms: r.latency.p50,
				p99_ms: r.latency.p99,
				// Little's law: with N connections always busy, mean latency = N / throughput.
				mean_ms: round((CONNECTIONS / Math.max(r.requests.average, 1)) * 1000, 3),
				req_s: round(r.requests.average, 0),
				errors: r.errors + r.timeouts + (who === 'app' && res.status === 200 ? r.non2xx : 0)
			});
		}
		rows.push({
			bench: 'app-vs-bare',
			case: `${endpoint} ratio app/bare`,
			p50_ratio:
				bareResult.latency.p50 >= 1
					? round(appResult.latency.p50 / bareResult.latency.p50)
					: 'n/a (bare p50 < 1 ms)',
			mean_ratio: round(bareResult.requests.average / Math.max(appResult.requests.average, 1)),
			req_s_ratio: round(appResult.requests.average / Math.max(bareResult.requests.average, 1), 3)
		});
	}
	return rows;
}

/**
 * (c) /calendar.ics under 50 connections, 200 and 304 (If-None-Match), against a bare server
 * returning the same bytes; and the time to generate the feed of a 5,000-item plan.
 */
async function feeds(ctx: BenchContext): Promise<Row[]> {
	const app = await ctx.app();
	const url = `${app.url}/calendar.ics`;
	const first = await fetch(url);
	const body = Buffer.from(await first.arrayBuffer());
	const etag = first.headers.get('etag') ?? '';
	const run = (target: string, headers?: Record<string, string>) =>
		autocannon({ url: target, connections: 50, duration: WARMUP_SECONDS }).then(() =>
			autocannon({ url: target, connections: 50, duration: LOAD_SECONDS, headers })
		);
	const ok = await run(url);
	const notModified = await run(url, { 'if-none-match': etag });
	const bare = await startBare(body, 'text/calendar; charset=utf-8');
	let bareResult: AutocannonResult;
	try {
		bareResult = await run(bare.url);
	} finally {
		await bare.stop();
	}
	const row = (c: string, r: AutocannonResult): Row => ({
		bench: 'feeds',
		case: c,
		bytes: c.includes('304') ? 0 : body.length,
		p50_ms: r.latency.p50,
		p99_ms: r.latency.p99,
		req_s: round(r.requests.average, 0),
		req_s_vs_bare: round(r.requests.average / Math.max(bareResult.requests.average, 1), 3),
		errors: r.errors + r.timeouts
	});

	return [
		row('/calendar.ics 200 app', ok),
		row('/calendar.ics 304 app', notModified),
		row('/calendar.ics bare', bareResult),
		await feedGeneration()
	];
}

/** 5,000 items of every date form, with titles that need escaping (input, not yet checked). */
function feedBenchItems() {
	const kinds = ['event', 'activity', 'deadline', 'meeting', 'action'] as const;
	return Array.from({ length: 5000 }, (_, i) => {
		const d = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
		const when =
			i % 3 === 0
				? { type: 'day', date: d }
				: i % 3 === 1
					? { type: 'part-of-month', year: 2024, month: (i % 12) + 1, part: 'mid' }
					: { type: 'timed', start: `${d}T14:00Z`, end: `${d}T15:30Z`, zone: 'Europe/Brussels' };
		return {
			id: `item-${i}`,
			kind: kinds[i % 5],
			title: `Item ${i}, with a comma; and “quotes” 😀`,
			description: 'Line one\nline two',
			when
		};
	});
}

/** Generation alone, in this process: the feed of a 5,000-item plan of every date form. */
async function feedGeneration(): Promise<Row> {
	const { indexPlan } = await import('../src/lib/domain/plan-index.ts');
	const { PlanFile } = await import('../src/lib/domain/schema.ts');
	const { buildFeed } = await import('../src/lib/feeds/feed.ts');
	const items = feedBenchItems();
	const plan = PlanFile.parse({
		version: 1,
		name: 'Bench plan',
		people: [{ id: 'p', name: 'Person' }],
		items,
		assignments: items.map((it, i) => ({
			id: `a-${i}`,
			item: it.id,
			role: 'lead',
			who: 'P',
			person: 'p'
		}))
	});
	const history = plan.items.map((item) => ({
		id: item.id,
		revision: 1,
		updatedAt: '2024-01-01T00:00:00.000Z',
		deletedAt: null,
		item
	}));
	const times: number[] = [];
	let size = 0;
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		const index = indexPlan(plan);
		size = buildFeed(
			index,
			history,
			{ type: 'all' },
			{ baseUrl: 'https://example.org', now: '2024-01-01T00:00:00Z' }
		).length;
		times.push(performance.now() - t0);
	}
	return {
		bench: 'feeds',
		case: 'generate 5,000 items',
		runs: times.length,
		median_ms: round(median(times), 1),
		max_ms: round(Math.max(...times), 1),
		chars: size
	};
}

/**
 * (c2) A personal feed (/feeds/people/{token}.ics, the one the delivery ledger records) with the
 * ledger on and off (DELIVERY_LEDGER=off), two servers in this same run, measured alternately
 * (on, off, on, off) so that drift on this shared machine hits both alike. Clients send a
 * Google Calendar User-Agent; the 304 row is what polling clients mostly get.
 */
async function delivery(): Promise<Row[]> {
	const tallies = await ledgerOnAndOff();
	const row = (status: string): Row => {
		const a = tallies.get(`on ${status}`)!;
		const b = tallies.get(`off ${status}`)!;
		const usA = (a.cpu * 1000) / Math.max(a.requests, 1);
		const usB = (b.cpu * 1000) / Math.max(b.requests, 1);
		return {
			bench: 'delivery',
			case: `personal feed ${status}`,
			req_s_ledger: round(a.requests / a.seconds, 0),
			req_s_no_ledger: round(b.requests / b.seconds, 0),
			cpu_us_req_ledger: round(usA, 0),
			cpu_us_req_no_ledger: round(usB, 0),
			// Throughput on a CPU-bound server is 1 / CPU per request: this is the cost that
			// does not depend on what else the (shared) machine is doing.
			ledger_cost_pct: round((1 - usB / usA) * 100, 1)
		};
	};
	const { repeated, distinct } = await ledgerInProcess();
	const feedCpu = tallies.get('off 304')!;
	const feedUs = (feedCpu.cpu * 1000) / Math.max(feedCpu.requests, 1);
	const alone = (name: string, perFetch: number): Row => ({
		bench: 'delivery',
		case: `ledger alone, per fetch, ${name} (in-process)`,
		runs: LEDGER_FETCHES,
		cpu_us_per_fetch: round(perFetch, 1),
		ledger_cost_pct: round((perFetch / feedUs) * 100, 1)
	});
	return [
		row('200'),
		row('304'),
		alone('40 clients polling', repeated),
		alone('every fetch distinct', distinct)
	];
}

/** A server with Lise Fuhr's personal feed issued, fetched once (its ETag kept for the 304s). */
async function serverWithFeed(env: Record<string, string>) {
	// On a loaded machine the first render can miss startServer's 20 s: try once more.
	const server = await startServer({ env }).catch(() => startServer({ env }));
	const r = spawnSync(process.execPath, ['scripts/plan.ts', 'rotate-token', 'lise-fuhr'], {
		cwd: path.resolve(import.meta.dirname, '..'),
		env: { PATH: process.env.PATH ?? '', DATABASE_PATH: server.dbPath, PUBLIC_URL: server.url },
		encoding: 'utf8'
	});
	const url = /https?:\/\/\S+\.ics/.exec(r.stdout)?.[0];
	if (!url) throw new Error(`rotate-token: ${r.stderr}`);
	const first = await fetch(url);
	await first.arrayBuffer();
	return { server, url, etag: first.headers.get('etag') ?? '' };
}

/** A server process's CPU time so far (user + system), in ms, from /proc (Linux). */
function serverCpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime at 100 Hz
}

type Tally = { requests: number; seconds: number; cpu: number };

/** The personal feed under load, ledger on and off, alternately: requests and server CPU. */
async function ledgerOnAndOff(): Promise<Map<string, Tally>> {
	const on = await serverWithFeed({});
	const off = await serverWithFeed({ DELIVERY_LEDGER: 'off' });
	const agent = { 'user-agent': 'Google-Calendar-Importer' };
	const tallies = new Map<string, Tally>();
	const load = async (name: string, target: typeof on, headers: Record<string, string>) => {
		await autocannon({ url: target.url, connections: CONNECTIONS, duration: WARMUP_SECONDS });
		const cpu0 = serverCpuMs(target.server.pid);
		const r = await autocannon({
			url: target.url,
			connections: CONNECTIONS,
			duration: LOAD_SECONDS,
			headers
		});
		// Let the last flush of the ledger (within 1 s) land in this run's CPU time.
		await new Promise((res) => setTimeout(res, 1200));
		const t = tallies.get(name) ?? { requests: 0, seconds: 0, cpu: 0 };
		t.requests += r.requests.total;
		t.seconds += LOAD_SECONDS;
		t.cpu += serverCpuMs(target.server.pid) - cpu0;
		tallies.set(name, t);
	};
	try {
		for (let round = 0; round < 2; round++) {
			await load('on 200', on, agent);
			await load('off 200', off, agent);
			await load('on 304', on, { ...agent, 'if-none-match': on.etag });
			await load('off 304', off, { ...agent, 'if-none-match': off.etag });
		}
	} finally {
		await on.server.stop();
		await off.server.stop();
	}
	return tallies;
}

const LEDGER_FETCHES = 20_000;

/**
 * The ledger's own cost per fetch, in this process: classify, buffer, and write in batches (the
 * flush every maxRows), on a real database file. Less noisy than two servers' ratio.
 */
async function ledgerInProcess(): Promise<{ repeated: number; distinct: number }> {
	const { openDatabase, closeDatabase } = await import('../src/lib/server/db.ts');
	const { DeliveryLedger } = await import('../src/lib/server/delivery-ledger.ts');
	const { clientFamily } = await import('../src/lib/domain/user-agent.ts');
	const dir = mkdtempSync(path.join(tmpdir(), 'iww-bench-ledger-'));
	const db = openDatabase(path.join(dir, 'ledger.db'));
	await db.selectFrom('feed_fetches').select('id').limit(1).execute(); // migrate first
	// Two cases: 40 clients polling in a loop (identical fetches share a row within a flush), and
	// the worst case, every fetch distinct (one row each).
	const ledgerAlone = async (personOf: (i: number) => string): Promise<number> => {
		const ledger = new DeliveryLedger(db, { flushMs: 60_000, maxRows: 500 });
		const cpu0 = process.cpuUsage();
		for (let i = 0; i < LEDGER_FETCHES; i++) {
			ledger.recordFetch({
				person: personOf(i),
				at: new Date().toISOString(),
				client: clientFamily('Google-Calendar-Importer'),
				status: 304,
				version: '"0123456789abcdef0123456789abcdef"'
			});
			if (i % 500 === 499) await ledger.flush();
		}
		await ledger.flush();
		const cpu = process.cpuUsage(cpu0);
		return (cpu.user + cpu.system) / LEDGER_FETCHES;
	};
	const repeated = await ledgerAlone((i) => `person-${i % 40}`);
	const distinct = await ledgerAlone((i) => `person-${i}`);
	await closeDatabase(db);
	rmSync(dir, { recursive: true, force: true });
	return { repeated, distinct };
}

const CALENDAR_RUNS = 5;

/**
 * (c) /calendar in Chromium: the JavaScript it ships (gzip, every script the page loads, and the
 * FullCalendar chunk alone), and the time from navigation start to the first rendered calendar
 * (the page's `calendar-rendered` performance mark), median of fresh cold-cache contexts.
 */
async function calendarPage(ctx: BenchContext): Promise<Row[]> {
	if (!chromiumAvailable()) return [{ bench: 'calendar', case: 'skipped: no Chromium' }];
	const app = await ctx.app();
	const browser = await launchBrowser();
	const times: number[] = [];
	let scripts = new Map<string, Buffer>();
	try {
		for (let i = 0; i < CALENDAR_RUNS; i++) {
			const visit = await coldCalendarVisit(browser, app.url);
			times.push(visit.ms);
			scripts = visit.scripts;
		}
	} finally {
		await browser.close();
	}
	const gz = (b: Buffer) => gzipSync(b).length;
	const all = [...scripts.values()].reduce((n, b) => n + gz(b), 0);
	const fc = [...scripts.values()]
		.filter((b) => b.toString('utf8').includes('fc-classic'))
		.reduce((n, b) => n + gz(b), 0);
	return [
		{
			bench: 'calendar',
			case: '/calendar JS shipped (gzip)',
			scripts: scripts.size,
			total_kb: round(all / 1024, 1),
			fullcalendar_kb: round(fc / 1024, 1),
			budget_kb: 200
		},
		{
			bench: 'calendar',
			case: 'navigation -> first rendered calendar (Chromium)',
			runs: times.length,
			median_ms: round(median(times), 1),
			min_ms: round(Math.min(...times), 1),
			max_ms: round(Math.max(...times), 1)
		}
	];
}

/** One visit of /calendar in a fresh context: the scripts it loaded and the render mark. */
async function coldCalendarVisit(
	browser: Awaited<ReturnType<typeof launchBrowser>>,
	url: string
): Promise<{ ms: number; scripts: Map<string, Buffer> }> {
	const context = await browser.newContext({
		viewport: VIEWPORTS.desktop,
		locale: 'en-GB',
		timezoneId: 'Europe/Brussels'
	});
	try {
		const page = await context.newPage();
		const bodies = new Map<string, Buffer>();
		const pending: Promise<void>[] = [];
		page.on('response', (res) => {
			if (res.request().resourceType() === 'script')
				pending.push(res.body().then((b) => void bodies.set(res.url(), b)));
		});
		await page.goto(`${url}/calendar?date=2024-02-01`);
		await page.waitForSelector('.calendar[data-ready]', { timeout: 20_000 });
		const ms = await page.evaluate(
			() => performance.getEntriesByName('calendar-rendered', 'mark')[0]?.startTime ?? NaN
		);
		await Promise.all(pending);
		return { ms, scripts: bodies };
	} finally {
		await context.close();
	}
}

const EDITS = 40;

/**
 * (c) Editing: an organizer's sign-in (scrypt on purpose), and one item save after another through
 * the form action, each a whole-plan validation and rewrite in one transaction plus history.
 */
async function editing(): Promise<Row[]> {
	const password = 'bench-organizer-password';
	const server = await startServer({ env: { ORGANIZER_PASSWORD: password } });
	try {
		const t0 = performance.now();
		const cookie = await signInAs(server.url, 'Bench', password);
		const signInMs = performance.now() - t0;
		const item = 'netmundial-10-presentation';
		const edit = await fetch(`${server.url}/items/${item}/edit`, { headers: { cookie } });
		let version = Number(versionIn(await edit.text()));
		const times: number[] = [];
		for (let i = 0; i < EDITS; i++) {
			const start = performance.now();
			const res = await postForm(
				`${server.url}/items/${item}/edit?/save`,
				{
					version: String(version),
					title: `Presentation at NETmundial+10 (${i})`,
					kind: 'activity',
					when: i % 2 ? 'early May 2024' : 'mid May 2024',
					status: 'planned'
				},
				{ cookie }
			);
			times.push(performance.now() - start);
			if (res.status !== 303) throw new Error(`save answered ${res.status}`);
			version++;
		}
		const sorted = [...times].sort((a, b) => a - b);
		return [
			{
				bench: 'editing',
				case: 'organizer sign-in (scrypt N=2^15)',
				runs: 1,
				median_ms: round(signInMs, 1)
			},
			{
				bench: 'editing',
				case: 'item save (validate, rewrite, history)',
				runs: EDITS,
				median_ms: round(median(times), 1),
				min_ms: round(sorted[0]!, 1),
				max_ms: round(sorted.at(-1)!, 1)
			}
		];
	} finally {
		await server.stop();
	}
}

/** The sections, in order. Later issues append here. */
export const BENCHES: Bench[] = [
	{ name: 'cold-start', run: coldStart },
	{ name: 'app-vs-bare', run: appVsBare },
	{ name: 'feeds', run: feeds },
	{ name: 'delivery', run: delivery },
	{ name: 'clashes', run: clashBench },
	{ name: 'calendar', run: calendarPage },
	{ name: 'gantt', run: ganttBench },
	{ name: 'finder', run: finderBench },
	{ name: 'editing', run: editing },
	{ name: 'writes', run: writesBench },
	{ name: 'ics', run: icsBench }
];

function printTable(rows: Row[]): void {
	const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	const cell = (r: Row, c: string) => (r[c] === undefined ? '' : String(r[c]));
	const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
	const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i]!)).join('  ');
	console.log(line(cols));
	console.log(line(widths.map((w) => '-'.repeat(w))));
	for (const r of rows) console.log(line(cols.map((c) => cell(r, c))));
}

async function main(): Promise<void> {
	const hardStop = setTimeout(() => {
		console.error(`bench: exceeded ${HARD_LIMIT_MS / 1000} s, giving up`);
		process.exit(1);
	}, HARD_LIMIT_MS);
	hardStop.unref();

	const only = process.argv.slice(2);
	const selected = only.length ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;
	let shared: RunningServer | undefined;
	const ctx: BenchContext = {
		app: async () => (shared ??= await startServer())
	};

	const rows: Row[] = [];
	try {
		for (const bench of selected) {
			console.error(`bench: ${bench.name} ...`);
			rows.push(...(await bench.run(ctx)));
		}
	} finally {
		await shared?.stop();
	}
	printTable(rows);
	console.log(
		JSON.stringify({
			bench: 'iww-planner',
			node: process.version,
			connections: CONNECTIONS,
			seconds: LOAD_SECONDS,
			results: rows
		})
	);
}

await main();
