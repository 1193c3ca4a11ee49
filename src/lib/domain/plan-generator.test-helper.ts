/**
 * A deterministic synthetic plan of any size, for layout tests and the Gantt bench: every DateSpec
 * type, five tracks, five working groups, a lead per item and random finish-to-start dependencies
 * (some of which the dates violate, as in real plans).
 */
import { addDays } from './dates.ts';
import { PlanFile, type DateSpec, type PlanFileInput } from './schema.ts';

/** mulberry32: small, fast, reproducible. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const TRACKS = ['Process', 'Consultations', 'Reports', 'Working groups', 'Meetings'];
const KINDS = ['activity', 'deadline', 'meeting', 'action', 'event'] as const;

export function generatePlan(items: number, dependencies: number, seed = 1): PlanFile {
	const r = rng(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
	const people = Array.from({ length: 30 }, (_, i) => ({
		id: `person-${i}`,
		name: `Person ${i}`,
		initials: `P${String.fromCharCode(65 + (i % 26))}${i >= 26 ? 'x' : ''}`,
		zone: 'UTC'
	}));
	const groups = Array.from({ length: 5 }, (_, i) => ({
		id: `wg-${i + 1}`,
		name: `Working group ${i + 1}: Topic ${i + 1}`,
		kind: 'working-group' as const,
		short: `WG${i + 1}`,
		members: [`person-${i}`, `person-${i + 5}`]
	}));
	const start = '2024-01-01';
	const when = (i: number): DateSpec => {
		const d = addDays(start, Math.floor(r() * 700));
		const y = Number(d.slice(0, 4));
		const m = Number(d.slice(5, 7));
		switch (i % 9) {
			case 0:
				return { type: 'day', date: d };
			case 1:
				return { type: 'range', start: d, end: addDays(d, 1 + Math.floor(r() * 90)) };
			case 2:
				return { type: 'month', year: y, month: m };
			case 3:
				return { type: 'part-of-month', year: y, month: m, part: pick(['early', 'mid', 'late']) };
			case 4:
				return { type: 'quarter', year: y, quarter: 1 + Math.floor((m - 1) / 3) };
			case 5:
				return { type: 'by', date: d, from: addDays(d, -20) };
			case 6:
				return {
					type: 'candidates',
					windows: [
						{ start: d, end: addDays(d, 1) },
						{ start: addDays(d, 7), end: addDays(d, 8) }
					]
				};
			case 7:
				return i % 27 === 7 ? { type: 'tbd' } : { type: 'by', date: d };
			default:
				return { type: 'part-of-year', year: y, part: pick(['early', 'mid', 'late']) };
		}
	};
	const itemList = Array.from({ length: items }, (_, i) => {
		const track = pick(TRACKS);
		return {
			id: `item-${i}`,
			kind: i % 25 === 0 ? 'event' : pick(KINDS.slice(0, 4)),
			title: `Generated item ${i} in ${track}`,
			when: when(i),
			track,
			group: track === 'Working groups' ? pick(groups).id : null
		};
	});
	const assignments = itemList.map((it, i) => ({
		id: `a-${i}`,
		item: it.id,
		role: 'lead' as const,
		who: people[i % people.length]!.initials,
		person: people[i % people.length]!.id
	}));
	const deps: PlanFileInput['dependencies'] = [];
	const seen = new Set<string>();
	while (deps.length < Math.min(dependencies, (items * (items - 1)) / 2)) {
		const a = Math.floor(r() * items);
		const b = Math.floor(r() * items);
		if (a === b || seen.has(`${a}/${b}`)) continue;
		seen.add(`${a}/${b}`);
		deps.push({ id: `d-${deps.length}`, from: `item-${a}`, to: `item-${b}` });
	}
	const input: PlanFileInput = {
		version: 1,
		name: `Generated plan (${items} items, ${dependencies} dependencies)`,
		people,
		groups,
		items: itemList,
		assignments,
		dependencies: deps
	};
	return PlanFile.parse(input);
}
