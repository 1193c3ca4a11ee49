/**
 * The clash engine on generated plans (the domain alone, no server): the sweep against the
 * brute-force oracle in the same run, at half and full size, so the growth shows. Full size is
 * the issue's target: 1,000 people, 5,000 items, 20,000 assignments, 50,000 busy periods.
 *
 * "detect" is the person sweep (commitments derived, sorted, compared); "find" is every clash
 * kind with its sentence, which is what GET /api/clashes serves. "first call" is find on a fresh
 * index (slots derived, new dates formatted: the cost right after a plan edit; the very first
 * one in the process also pays for every date's text); the others are the best of three after it.
 * "first call after an edit" is the whole path the server takes after a write (see
 * firstCallAfterEdit); `cpu_ms` is the process's CPU time, steadier than the wall clock on a
 * shared machine.
 */
import { clashPage, DEFAULT_PAGE_LIMIT } from '../src/lib/domain/clash-page.ts';
import { groupClashes } from '../src/lib/domain/clash-view.ts';
import { clashesFor, findClashes, personPairFindings } from '../src/lib/domain/clashes.ts';
import {
	findClashesOracle,
	personPairFindingsOracle
} from '../src/lib/domain/clashes.oracle.test-helper.ts';
import { addDays } from '../src/lib/domain/dates.ts';
import { generatePlan } from '../src/lib/domain/plan-generator.test-helper.ts';
import { indexPlan } from '../src/lib/domain/plan-index.ts';
import { redactPrivate } from '../src/lib/domain/privacy.ts';
import { opaqueIds } from '../src/lib/server/accounts.ts';

/** Opaque ids as the server makes them, with a fixed key. */
const OPAQUE = opaqueIds('bench-key');
import { PlanFile as PlanFileSchema } from '../src/lib/domain/schema.ts';
import { startServer } from '../tests/helpers/server.ts';
import seedJson from '../data/iww-2024.plan.json' with { type: 'json' };
import type { DateSpec, PlanFile } from '../src/lib/domain/schema.ts';

type Row = { bench: string; case: string; [metric: string]: string | number };

const RUNS = 3;
const FULL = { people: 1000, items: 5000, assignments: 20_000, busy: 50_000 };

function best(fn: () => unknown, runs = RUNS): { ms: number; result: unknown } {
	let ms = Infinity;
	let result: unknown;
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		result = fn();
		ms = Math.min(ms, performance.now() - t0);
	}
	return { ms, result };
}

const round = (x: number) => Number(x.toFixed(1));

const sizesAt = (scale: number) => ({
	people: FULL.people * scale,
	items: FULL.items * scale,
	assignments: FULL.assignments * scale,
	busy: FULL.busy * scale
});

/** The plan after one organizer edit: a new plan object, every unchanged entity the same object. */
function edited(full: PlanFile, n: number): PlanFile {
	const at = (n * 997) % full.items.length;
	const items = full.items.slice();
	const item = items[at]!;
	const when: DateSpec = { type: 'day', date: `2024-0${1 + (n % 9)}-1${n % 10}` };
	items[at] = n % 2 ? { ...item, title: `${item.title} (edited ${n})` } : { ...item, when };
	// Every list is a new array, as a plan read back from the database would be: only the
	// unchanged entities themselves are the same objects.
	return {
		...full,
		people: full.people.slice(),
		groups: full.groups.slice(),
		locations: full.locations.slice(),
		items,
		assignments: full.assignments.slice(),
		dependencies: full.dependencies.slice(),
		commitments: full.commitments.slice()
	};
}

const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * What the server does on the first GET /api/clashes after an edit: a new snapshot (the plan
 * redacted for anonymous readers, indexed) and every clash on it, fresh. Edits alternate a title
 * and a date; the last is checked against the oracle, which reuses nothing.
 */
export function firstCallAfterEdit(full: PlanFile, edits = 5): Row[] {
	const snapshot = (plan: PlanFile) => findClashes(indexPlan(redactPrivate(plan, OPAQUE)));
	let t0 = performance.now();
	let c0 = cpuMs();
	snapshot(full);
	const fresh = performance.now() - t0;
	const freshCpu = cpuMs() - c0;
	const times: number[] = [];
	const cpu: number[] = [];
	let same = 'yes';
	let plan = full;
	for (let n = 1; n <= edits; n++) {
		plan = edited(plan, n);
		t0 = performance.now();
		c0 = cpuMs();
		const clashes = snapshot(plan);
		times.push(performance.now() - t0);
		cpu.push(cpuMs() - c0);
		// The oracle (nothing reused) after the last edit checks everything reuse carried along.
		if (n === edits) {
			const oracle = findClashesOracle(indexPlan(redactPrivate(structuredClone(plan), OPAQUE)));
			if (JSON.stringify(clashes) !== JSON.stringify(oracle)) same = 'NO';
		}
	}
	const label = `${full.people.length} people, ${full.items.length} items, ${full.assignments.length} assignments, ${full.commitments.length} busy`;
	return [
		{
			bench: 'clashes',
			case: `${label}: redact + index + find, fresh plan (first ever)`,
			best_ms: round(fresh),
			cpu_ms: round(freshCpu)
		},
		{
			bench: 'clashes',
			case: `${label}: first call after an edit (redact + index + find)`,
			best_ms: round(Math.min(...times)),
			p50_ms: round(median(times)),
			max_ms: round(Math.max(...times)),
			cpu_ms: round(median(cpu)),
			same_as_oracle: same
		}
	];
}

export async function clashBench(): Promise<Row[]> {
	const rows: Row[] = [];
	const sweepTimes: number[] = [];
	// Warm the JIT on a small plan of its own first, so the half size is not measured cold and
	// the growth ratio compares like with like.
	const small = indexPlan(generatePlan(sizesAt(0.1), 7));
	for (let i = 0; i < 3; i++) personPairFindings(small);
	for (const scale of [0.5, 1]) {
		const sizes = sizesAt(scale);
		const index = indexPlan(generatePlan(sizes, 2024));
		// The first call on a fresh index derives every slot and writes every new date's text
		// (what a request pays right after a plan edit); later calls reuse what it cached.
		const first = best(() => findClashes(index), 1);
		const detect = best(() => personPairFindings(index));
		const detectOracle = best(() => personPairFindingsOracle(index));
		const find = best(() => findClashes(index));
		const findOracle = best(() => findClashesOracle(index));
		const same = JSON.stringify(find.result) === JSON.stringify(findOracle.result) ? 'yes' : 'NO';
		sweepTimes.push(detect.ms);
		const label = `${sizes.people} people, ${sizes.items} items, ${sizes.assignments} assignments, ${sizes.busy} busy`;
		rows.push(
			{
				bench: 'clashes',
				case: `${label}: find + sentences, first call`,
				best_ms: round(first.ms)
			},
			{
				bench: 'clashes',
				case: `${label}: detect sweep`,
				best_ms: round(detect.ms),
				findings: (detect.result as unknown[]).length
			},
			{ bench: 'clashes', case: `${label}: detect oracle`, best_ms: round(detectOracle.ms) },
			{
				bench: 'clashes',
				case: `${label}: find + sentences sweep`,
				best_ms: round(find.ms),
				clashes: (find.result as unknown[]).length,
				same_as_oracle: same
			},
			{ bench: 'clashes', case: `${label}: find + sentences oracle`, best_ms: round(findOracle.ms) }
		);
	}
	rows.push(...firstCallAfterEdit(generatePlan(FULL, 2024)));
	const seedPlan = PlanFileSchema.parse(seedJson);
	rows.push(...busyMemberRows(seedPlan));
	rows.push(...(await busyMemberHttpRows(seedPlan)));
	rows.push({
		bench: 'clashes',
		case: 'growth detect sweep full/half (2.0 = linear)',
		ratio: round((sweepTimes[1] ?? 0) / Math.max(sweepTimes[0] ?? 1, 0.001))
	});
	return rows;
}

/** The IWW plan with one member (Lise Fuhr) holding `n` busy periods over 2024, as five imports would. */
export function planWithBusyMember(n: number, seedPlan: PlanFile): PlanFile {
	const places = [null, 'online', ...seedPlan.locations.map((l) => l.id)];
	const commitments = Array.from({ length: n }, (_, i) => {
		const date = addDays('2024-01-01', i % 366);
		const k = i % 3;
		const when: DateSpec =
			k === 0
				? { type: 'day', date }
				: k === 1
					? { type: 'range', start: date, end: addDays(date, 2) }
					: {
							type: 'timed',
							start: `${date}T${String(8 + (i % 10)).padStart(2, '0')}:00Z`,
							end: `${date}T${String(9 + (i % 10)).padStart(2, '0')}:30Z`,
							zone: 'Europe/Copenhagen'
						};
		return {
			id: `lf-busy-${i}`,
			person: 'lise-fuhr',
			source: 'busy' as const,
			when,
			place: places[i % places.length] ?? null,
			reason: `Imported event ${i}`,
			strength: i % 4 ? ('hard' as const) : ('soft' as const),
			visibility: i % 2 ? ('private' as const) : ('public' as const)
		};
	});
	return { ...seedPlan, commitments: [...seedPlan.commitments, ...commitments] };
}

/**
 * `/clashes` with 5,000 busy periods for one member, the domain path of its load (snapshot,
 * every clash, the member's, one page grouped for display), fresh and warm.
 */
export function busyMemberRows(seedPlan: PlanFile): Row[] {
	let plan = planWithBusyMember(5000, seedPlan);
	const load = (person: string | null) => {
		const index = indexPlan(redactPrivate(plan, OPAQUE));
		const all = findClashes(index);
		const list = person ? clashesFor(all, { person }) : all;
		const page = clashPage(index, list, { limit: DEFAULT_PAGE_LIMIT, after: null });
		return { total: list.length, groups: groupClashes(index, page.clashes) };
	};
	const rows: Row[] = [];
	for (const person of [null, 'lise-fuhr']) {
		// New objects: nothing derived from an earlier case is reused.
		plan = structuredClone(plan);
		const fresh = best(() => load(person), 1);
		const warm = best(() => load(person));
		rows.push({
			bench: 'clashes',
			case: `/clashes${person ? `?person=${person}` : ''} with 5,000 busy periods for one member (domain path)`,
			first_ms: round(fresh.ms),
			best_ms: round(warm.ms),
			clashes: (warm.result as { total: number }).total
		});
	}
	return rows;
}

/**
 * The same over HTTP against the built server: the plan replaced through POST /api/plan, then
 * the first GET /clashes after it (a new snapshot: the whole path) and the best of five after.
 */
export async function busyMemberHttpRows(seedPlan: PlanFile): Promise<Row[]> {
	const token = 'bench-clashes-token';
	const server = await startServer({ env: { ADMIN_TOKEN: token } });
	const rows: Row[] = [];
	try {
		const res = await fetch(`${server.url}/api/plan`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(planWithBusyMember(5000, seedPlan))
		});
		if (!res.ok) throw new Error(`POST /api/plan: ${res.status} ${await res.text()}`);
		for (const path of ['/clashes', '/clashes?person=lise-fuhr', '/api/clashes?person=lise-fuhr']) {
			const times: number[] = [];
			for (let i = 0; i < 6; i++) {
				const t0 = performance.now();
				const r = await fetch(`${server.url}${path}`);
				await r.text();
				if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
				times.push(performance.now() - t0);
			}
			rows.push({
				bench: 'clashes',
				case: `GET ${path} with 5,000 busy periods for one member (HTTP)`,
				first_ms: round(times[0]!),
				best_ms: round(Math.min(...times.slice(1)))
			});
		}
	} finally {
		await server.stop();
	}
	return rows;
}
