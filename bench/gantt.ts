/**
 * The Gantt: server render time of GET /gantt (sequential requests after a warm-up, median and
 * p95) for the seed plan and for a generated plan of 500 items and 100 dependencies (aim
 * < 100 ms), the layout alone in process, and the JavaScript the page ships (aim < 60 KB gzip).
 */
import { ganttView } from '../src/lib/domain/gantt.ts';
import { generatePlan } from '../src/lib/domain/plan-generator.test-helper.ts';
import { indexPlan } from '../src/lib/domain/plan-index.ts';
import { PlanFile } from '../src/lib/domain/schema.ts';
import { pageScripts } from '../tests/helpers/page-js.ts';
import { startServer } from '../tests/helpers/server.ts';

type Row = { bench: string; case: string; [metric: string]: string | number };

/** 500 items and 100 dependencies in tracks and working groups, one lead-ish role each. */
export const GENERATED = {
	people: 30,
	items: 500,
	assignments: 700,
	busy: 0,
	dependencies: 100,
	lanes: true
};

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));
const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const GANTT_RUNS = 30;

/** Sequential GETs of one URL after a warm-up: the server's render time as a client sees it. */
async function timeGets(url: string, runs: number): Promise<{ times: number[]; bytes: number }> {
	let bytes = 0;
	for (let i = 0; i < 5; i++) await (await fetch(url)).arrayBuffer();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		const res = await fetch(url);
		const body = await res.arrayBuffer();
		times.push(performance.now() - t0);
		if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
		bytes = body.byteLength;
	}
	return { times, bytes };
}

/**
 * (c) The Gantt: GET /gantt for the seed plan and for a generated plan of 500 items and 100
 * dependencies (aim < 100 ms), the layout alone in-process, and the JavaScript the page ships
 * (aim < 60 KB gzip).
 */
export async function ganttBench(): Promise<Row[]> {
	const token = 'bench-token';
	const server = await startServer({ env: { ADMIN_TOKEN: token } });
	const rows: Row[] = [];
	const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
	try {
		const url = `${server.url}/gantt?today=2024-06-01`;
		const row = (name: string, r: { times: number[]; bytes: number }): Row => ({
			bench: 'gantt',
			case: name,
			runs: r.times.length,
			median_ms: round(median(r.times), 1),
			p95_ms: round(p95(r.times), 1),
			bytes: r.bytes
		});
		rows.push(row('GET /gantt seed plan (30 items)', await timeGets(url, GANTT_RUNS)));

		const big = PlanFile.parse(generatePlan(GENERATED, 2024));
		const t0 = performance.now();
		for (let i = 0; i < GANTT_RUNS; i++) {
			ganttView(indexPlan(big), {
				zoom: 'fit',
				today: '2024-06-01',
				locale: 'en-GB',
				filters: { person: null, role: null, kinds: [], group: null }
			});
		}
		rows.push({
			bench: 'gantt',
			case: 'index + layout in process (500 items, 100 deps)',
			runs: GANTT_RUNS,
			mean_ms: round((performance.now() - t0) / GANTT_RUNS, 1)
		});

		const put = await fetch(`${server.url}/api/plan`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(big)
		});
		if (!put.ok) throw new Error(`POST /api/plan answered ${put.status}: ${await put.text()}`);
		rows.push(row('GET /gantt 500 items, 100 deps', await timeGets(url, GANTT_RUNS)));
		rows.push(
			row('GET /gantt?zoom=month 500 items', await timeGets(`${url}&zoom=month`, GANTT_RUNS))
		);

		const scripts = await pageScripts(url);
		rows.push({
			bench: 'gantt',
			case: 'JS shipped to /gantt',
			files: scripts.length,
			bytes: scripts.reduce((s, x) => s + x.bytes, 0),
			gzip_bytes: scripts.reduce((s, x) => s + x.gzip, 0),
			gzip_kb: round(scripts.reduce((s, x) => s + x.gzip, 0) / 1024, 1)
		});
	} finally {
		await server.stop();
	}
	return rows;
}
