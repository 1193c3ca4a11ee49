/**
 * Writes through the one write path, measured over HTTP on the built server (`PUT
 * /api/items/{id}`), at the seed plan and at the bench plan (1,000 people, 5,000 items, 20,000
 * assignments, 50,000 busy periods, imported first through `npm run plan -- import`).
 *
 * For each size: 50 sequential edits (p50/p99), the latency of GETs running concurrently with
 * those edits (the longest any request waited behind an edit), the same GET alone as the
 * baseline, and the first `GET /api/clashes` after an edit against the warm one.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePlan } from '../src/lib/domain/plan-generator.test-helper.ts';
import { ROOT, startServer, type RunningServer } from '../tests/helpers/server.ts';

type Row = { bench: string; case: string; [metric: string]: string | number };

const EDITS = 50;
const TOKEN = 'bench-admin-token';
const FULL = { people: 1000, items: 5000, assignments: 20_000, busy: 50_000 };
const auth = { authorization: `Bearer ${TOKEN}` };

const round = (x: number) => Number(x.toFixed(1));
function pct(xs: number[], p: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function timed(
	url: string,
	init: RequestInit = {}
): Promise<{ ms: number; res: Response; body: string }> {
	const t0 = performance.now();
	const res = await fetch(url, init);
	const body = await res.text();
	return { ms: performance.now() - t0, res, body };
}

/** GETs `url` in a loop until `stop()` is true; returns each latency. */
async function readLoop(url: string, stop: () => boolean): Promise<number[]> {
	const times: number[] = [];
	while (!stop()) times.push((await timed(url)).ms);
	return times;
}

async function measure(
	server: RunningServer,
	label: string,
	item: string,
	other: string
): Promise<Row[]> {
	const itemUrl = `${server.url}/api/items/${item}`;
	const readUrl = `${server.url}/api/items/${other}`;
	// Baseline: the same read alone, warm.
	await readLoop(
		readUrl,
		(() => {
			let n = 0;
			return () => n++ >= 20;
		})()
	);
	let n = 0;
	const alone = await readLoop(readUrl, () => n++ >= 200);

	const { edits, during, etag, doc } = await editsWhileReading(itemUrl, readUrl);
	const { first, warm } = await clashesAfterEdit(server, itemUrl, etag, doc);

	const baseline = pct(alone, 50);
	return [
		{
			bench: 'writes',
			case: `${label}: PUT /api/items/{id}`,
			runs: EDITS,
			p50_ms: round(pct(edits, 50)),
			p99_ms: round(pct(edits, 99)),
			max_ms: round(Math.max(...edits)),
			ratio_p50_vs_GET: round(pct(edits, 50) / baseline)
		},
		{
			bench: 'writes',
			case: `${label}: GET /api/items/{id} alone (baseline)`,
			runs: alone.length,
			p50_ms: round(baseline),
			p99_ms: round(pct(alone, 99)),
			max_ms: round(Math.max(...alone))
		},
		{
			bench: 'writes',
			case: `${label}: same GET during the ${EDITS} edits`,
			runs: during.length,
			p50_ms: round(pct(during, 50)),
			p99_ms: round(pct(during, 99)),
			max_ms: round(Math.max(...during)),
			ratio_p50_vs_GET: round(pct(during, 50) / baseline)
		},
		{
			bench: 'writes',
			case: `${label}: GET /api/clashes, first after an edit`,
			runs: 1,
			p50_ms: round(first),
			ratio_p50_vs_GET: round(first / warm)
		},
		{ bench: 'writes', case: `${label}: GET /api/clashes, warm`, runs: 1, p50_ms: round(warm) }
	];
}

type ItemDoc = { item: Record<string, unknown> };

/** EDITS sequential PUTs of one item while another item is read in a loop: both latencies. */
async function editsWhileReading(itemUrl: string, readUrl: string) {
	let done = false;
	const concurrent = readLoop(readUrl, () => done);
	const got = await timed(itemUrl);
	let etag = got.res.headers.get('etag')!;
	const doc = JSON.parse(got.body) as ItemDoc;
	const edits: number[] = [];
	for (let i = 0; i < EDITS; i++) {
		const r = await timed(itemUrl, {
			method: 'PUT',
			headers: { ...auth, 'content-type': 'application/json', 'if-match': etag },
			body: JSON.stringify({ item: { ...doc.item, title: `Bench edit ${i}` } })
		});
		if (r.res.status !== 200)
			throw new Error(`PUT answered ${r.res.status}: ${r.body.slice(0, 200)}`);
		etag = r.res.headers.get('etag')!;
		edits.push(r.ms);
	}
	done = true;
	const during = await concurrent;
	return { edits, during, etag, doc };
}

/** The first clash list after an edit pays for the new snapshot and the clash pass. */
async function clashesAfterEdit(
	server: RunningServer,
	itemUrl: string,
	etag: string,
	doc: ItemDoc
): Promise<{ first: number; warm: number }> {
	await timed(`${server.url}/api/clashes`, { headers: auth });
	const warm = (await timed(`${server.url}/api/clashes`, { headers: auth })).ms;
	const put = await timed(itemUrl, {
		method: 'PUT',
		headers: { ...auth, 'content-type': 'application/json', 'if-match': etag },
		body: JSON.stringify({ item: { ...doc.item, title: 'Bench edit before clashes' } })
	});
	if (put.res.status !== 200) throw new Error(`PUT answered ${put.res.status}`);
	const first = (await timed(`${server.url}/api/clashes`, { headers: auth })).ms;
	return { first, warm };
}

export async function writesBench(): Promise<Row[]> {
	const rows: Row[] = [];
	const seed = await startServer({ env: { ADMIN_TOKEN: TOKEN } });
	try {
		rows.push(...(await measure(seed, 'seed plan', 'iww-consultation-1', 'iww-review-summary')));
	} finally {
		await seed.stop();
	}

	const dir = mkdtempSync(path.join(tmpdir(), 'iww-bench-writes-'));
	try {
		const plan = generatePlan(FULL, 7);
		const file = path.join(dir, 'bench.plan.json');
		writeFileSync(file, JSON.stringify(plan));
		const dbPath = path.join(dir, 'bench.db');
		const t0 = performance.now();
		const r = spawnSync(
			process.execPath,
			['--experimental-strip-types', '--no-warnings', 'scripts/plan.ts', 'import', file],
			{
				cwd: ROOT,
				env: { PATH: process.env.PATH ?? '', DATABASE_PATH: dbPath },
				encoding: 'utf8'
			}
		);
		if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
		rows.push({
			bench: 'writes',
			case: 'bench plan: import into an empty database (CLI)',
			runs: 1,
			p50_ms: round(performance.now() - t0)
		});
		const big = await startServer({ dbPath, env: { ADMIN_TOKEN: TOKEN } });
		try {
			const items = plan.items.filter((i) => i.kind !== 'event').map((i) => i.id);
			rows.push(...(await measure(big, 'bench plan', items[0]!, items[1]!)));
		} finally {
			await big.stop();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	return rows;
}
