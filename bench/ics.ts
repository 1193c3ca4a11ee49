/**
 * The .ics importer, in process: a 2 MB file of 19,000 events (aim < 1 s), a series with 16,500
 * RECURRENCE-ID overrides (aim < 1 s), and the corpus of real calendar files
 * (tests/fixtures/ics/corpus: aim < 2 s in total, no file over 300 ms). Each case is the median
 * of a few runs, in wall and CPU milliseconds (this machine is shared; CPU is what the budget
 * counts).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { postForm, signInAs } from '../tests/helpers/forms.ts';
import { ROOT, startServer, type RunningServer } from '../tests/helpers/server.ts';
import { addDays } from '../src/lib/domain/dates.ts';
import { parseIcs } from '../src/lib/domain/ics/parse.ts';
import { busyFromIcs } from '../src/lib/domain/ics-import.ts';

type Row = { bench: string; case: string; [metric: string]: string | number };

const RUNS = 3;
const span = { start: '2024-01-01', end: '2024-12-31' };
const two = (n: number) => String(n).padStart(2, '0');
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = (): number => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
const calendar = (events: string[]) =>
	['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN', ...events, 'END:VCALENDAR'].join(
		'\r\n'
	);

/** 19,000 single events over 2024 (just under 2 MB). */
export function manyEvents(): string {
	return calendar(
		Array.from({ length: 19_000 }, (_, i) => {
			const day = `2024${two(1 + (i % 12))}${two(1 + (i % 28))}`;
			return [
				'BEGIN:VEVENT',
				`UID:e${i}`,
				`DTSTART:${day}T${two(i % 24)}0000Z`,
				`DTEND:${day}T${two(i % 24)}3000Z`,
				`SUMMARY:Event ${i}`,
				'END:VEVENT'
			].join('\r\n');
		})
	);
}

/** A daily series from 2020 with each of its 16,500 occurrences moved by an override. */
export function manyOverrides(): string {
	const master = [
		'BEGIN:VEVENT',
		'UID:series',
		'DTSTART:20200101T090000Z',
		'DTEND:20200101T100000Z',
		'RRULE:FREQ=DAILY;COUNT=16500',
		'END:VEVENT'
	].join('\r\n');
	const overrides = Array.from({ length: 16_500 }, (_, i) => {
		const ymd = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000)
			.toISOString()
			.slice(0, 10)
			.replace(/-/g, '');
		return [
			'BEGIN:VEVENT',
			'UID:series',
			`RECURRENCE-ID:${ymd}T090000Z`,
			`DTSTART:${ymd}T140000Z`,
			`DTEND:${ymd}T150000Z`,
			'END:VEVENT'
		].join('\r\n');
	});
	return calendar([master, ...overrides]);
}

/** The year from the day before the file's first event (as the differential test reads it). */
function spanOf(text: string): { start: string; end: string } {
	let first = '9999-12-31';
	try {
		for (const cal of parseIcs(text))
			for (const c of cal.children) {
				const v = c.name === 'VEVENT' ? c.props.find((p) => p.name === 'DTSTART')?.value : '';
				const m = /^(\d{4})(\d{2})(\d{2})/.exec(v ?? '');
				if (m && `${m[1]}-${m[2]}-${m[3]}` < first) first = `${m[1]}-${m[2]}-${m[3]}`;
			}
	} catch {
		// Files we refuse are timed over 2024.
	}
	if (first === '9999-12-31') first = '2024-01-01';
	return { start: addDays(first, -1), end: addDays(first, 365) };
}

function time(run: () => unknown): { wall: number; cpu: number; result: unknown } {
	const walls: number[] = [];
	const cpus: number[] = [];
	let result: unknown;
	for (let i = 0; i < RUNS; i++) {
		const w0 = performance.now();
		const c0 = cpuMs();
		result = run();
		cpus.push(cpuMs() - c0);
		walls.push(performance.now() - w0);
	}
	return { wall: median(walls), cpu: median(cpus), result };
}

export async function icsBench(): Promise<Row[]> {
	return [...icsRows(), ...(await icsServerRows())];
}

/** `count` single events over the IWW plan's span (March to October 2024), one UID each. */
function eventsInSpan(count: number, tag: string): string {
	return calendar(
		Array.from({ length: count }, (_, i) => {
			const day = `2024${two(3 + (i % 8))}${two(1 + (i % 28))}`;
			const hour = two(Math.floor(i / 224) % 24);
			return [
				'BEGIN:VEVENT',
				`UID:${tag}${i}`,
				`DTSTART:${day}T${hour}0000Z`,
				`DTEND:${day}T${hour}3000Z`,
				'END:VEVENT'
			].join('\r\n');
		})
	);
}

/**
 * Through the built server, as a member's browser sends it: an upload of each file to
 * /me/{token}?/importIcs (wall time of the POST), with a GET / every 20 ms meanwhile, anonymous
 * and signed in (the longest one is how long the import made everyone else wait), the same file again (a no-op: no write),
 * and /clashes once the member has 5,000 busy periods.
 */
async function icsServerRows(): Promise<Row[]> {
	const server: RunningServer = await startServer({
		env: { ICS_REFRESH_HOURS: '0', ORGANIZER_PASSWORD: 'bench-organizer-password' }
	});
	try {
		const organizer = await signInAs(server.url, 'Organizer', 'bench-organizer-password');
		const rows: Row[] = [];
		const upload = (url: string, text: string, source?: string) =>
			uploadWhilePolling(server, organizer, url, text, source);
		const cases: [string, string, string, number][] = [
			['2 MB, 19,000 events (refused: over 5,000 in the span)', 'lise-fuhr', manyEvents(), 1000],
			['16,500 overrides', 'vint-cerf', manyOverrides(), 1000],
			['5,000 events (the member limit)', 'gbenga-sesan', eventsInSpan(5000, 'g'), 1000]
		];
		const links: Record<string, string> = {};
		for (const [name, person, text, aim] of cases) {
			links[person] ??= memberLink(server, person);
			// A member uploads from their page, as a browser does: it is loaded first.
			await (await fetch(links[person])).arrayBuffer();
			const r = await upload(links[person], text);
			rows.push({
				bench: 'ics',
				case: `server: upload ${name}`,
				bytes: Buffer.byteLength(text),
				status: r.status,
				median_ms: round(r.ms),
				aim_ms: aim,
				'GET / max_ms': round(r.worst),
				'organizer GET / max_ms': round(r.worstSignedIn),
				'GET / count': r.gets,
				said: r.said
			});
		}
		const page = await (await fetch(links['gbenga-sesan']!)).text();
		const source = /data-source="(s[0-9a-f]+)"/.exec(page)?.[1];
		const again = await upload(links['gbenga-sesan']!, eventsInSpan(5000, 'g'), source);
		rows.push({
			bench: 'ics',
			case: 'server: the same 5,000 events again (no-op)',
			status: again.status,
			median_ms: round(again.ms),
			'GET / max_ms': round(again.worst),
			'organizer GET / max_ms': round(again.worstSignedIn),
			said: again.said
		});
		rows.push(...(await clashPageRows(server)));
		return rows;
	} finally {
		await server.stop();
	}
}

/** A member's personal link, from the command line as an organizer would get it. */
function memberLink(server: RunningServer, person: string): string {
	const r = spawnSync(process.execPath, ['scripts/plan.ts', 'member-links', person], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', DATABASE_PATH: server.dbPath, PUBLIC_URL: server.url },
		encoding: 'utf8'
	});
	return r.stdout.trim().split('\t')[1]!;
}

/**
 * One upload to the member page, timed, while anyone's GET / (the front cache's fast path) and
 * an organizer's (a session lookup and a render each time) run every 20 ms: the slowest of each
 * is how long the import made everyone else wait.
 */
async function uploadWhilePolling(
	server: RunningServer,
	organizer: string,
	url: string,
	text: string,
	source?: string
) {
	const form = new FormData();
	form.set('file', new File([text], 'bench.ics', { type: 'text/calendar' }));
	if (source) form.set('source', source);
	let stop = false;
	let worst = 0;
	let worstSignedIn = 0;
	let gets = 0;
	const poll = async (headers: Record<string, string>, record: (ms: number) => void) => {
		while (!stop) {
			const t0 = performance.now();
			await (await fetch(`${server.url}/`, { headers })).arrayBuffer();
			record(performance.now() - t0);
			gets++;
			await new Promise((r) => setTimeout(r, 20));
		}
	};
	const polls = Promise.all([
		poll({}, (ms) => (worst = Math.max(worst, ms))),
		poll({ cookie: organizer }, (ms) => (worstSignedIn = Math.max(worstSignedIn, ms)))
	]);
	const t0 = performance.now();
	const res = await postForm(`${url}?/importIcs`, form);
	const ms = performance.now() - t0;
	stop = true;
	await polls;
	const said = /Imported[^<]*|Nothing changed[^<]*|[^>]*more than[^<]*/.exec(res.body)?.[0] ?? '';
	return { status: res.status, ms, worst, worstSignedIn, gets, said: said.slice(0, 60) };
}

/** /clashes for one member and for everyone, once the member has 5,000 busy periods. */
async function clashPageRows(server: RunningServer): Promise<Row[]> {
	const times: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		const res = await fetch(`${server.url}/clashes?person=gbenga-sesan`);
		await res.arrayBuffer();
		times.push(performance.now() - t0);
	}
	const all: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		await (await fetch(`${server.url}/clashes`)).arrayBuffer();
		all.push(performance.now() - t0);
	}
	return [
		{
			bench: 'ics',
			case: 'server: /clashes?person= with 5,000 busy periods for one member, first',
			median_ms: round(times[0]!),
			aim_ms: 200
		},
		{
			bench: 'ics',
			case: 'server: /clashes?person= with 5,000 busy periods for one member, next 4',
			runs: 4,
			median_ms: round(median(times.slice(1))),
			aim_ms: 200
		},
		{
			bench: 'ics',
			case: 'server: /clashes (everyone) with 5,000 busy periods for one member',
			runs: 5,
			median_ms: round(median(all)),
			aim_ms: 200
		}
	];
}

function icsRows(): Row[] {
	const rows: Row[] = [];
	const limits = { maxPeriods: 20_000, clock: cpuMs };
	for (const [name, text] of [
		['2 MB, 19,000 events', manyEvents()],
		['16,500 overrides', manyOverrides()]
	] as const) {
		const t = time(() => busyFromIcs(text, span, 'UTC', limits));
		const r = t.result as ReturnType<typeof busyFromIcs>;
		rows.push({
			bench: 'ics',
			case: name,
			runs: RUNS,
			bytes: Buffer.byteLength(text),
			median_ms: round(t.wall),
			cpu_ms: round(t.cpu),
			periods: r.ok ? r.periods.length : `refused: ${r.error}`,
			aim_ms: 1000
		});
	}
	const dir = path.resolve('tests/fixtures/ics/corpus');
	const files = readdirSync(dir).filter((f) => f.endsWith('.ics'));
	const texts = files.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')] as const);
	const totals: number[] = [];
	let slowest = { file: '', ms: 0 };
	for (let i = 0; i < RUNS; i++) {
		let total = 0;
		for (const [f, text] of texts) {
			const t0 = performance.now();
			busyFromIcs(text, spanOf(text), 'UTC');
			const ms = performance.now() - t0;
			total += ms;
			if (ms > slowest.ms) slowest = { file: f, ms };
		}
		totals.push(total);
	}
	rows.push(
		{
			bench: 'ics',
			case: `corpus total (${files.length} files, a year each)`,
			runs: RUNS,
			median_ms: round(median(totals)),
			aim_ms: 2000
		},
		{
			bench: 'ics',
			case: `corpus slowest file: ${slowest.file}`,
			runs: RUNS,
			max_ms: round(slowest.ms),
			aim_ms: 300
		}
	);
	return rows;
}
