/**
 * Random plans for the clash engine's property test and the bench: people, items of every date
 * shape (days, ranges, timed, candidate windows, fuzzy months), assignments and busy periods in
 * real cities. Deterministic for a seed (a small PRNG, no Math.random).
 */
import { addDays } from './dates.ts';
import type {
	Assignment,
	Commitment,
	DateSpec,
	Item,
	Location,
	Person,
	PlanFile
} from './schema.ts';

export type GeneratorSizes = {
	people: number;
	items: number;
	assignments: number;
	busy: number;
	/** Days the plan spans from 2024-01-01; smaller means denser and more clashes. */
	days?: number;
	/** Finish-to-start dependencies; default one per ten items. */
	dependencies?: number;
	/**
	 * Give items tracks and five working groups, as the Gantt lays them out. Assigned by index,
	 * not drawn from the PRNG, so the rest of the plan is the same for a seed either way.
	 */
	lanes?: boolean;
};

const TRACKS = ['Process', 'Consultations', 'Reports', 'Working groups', 'Meetings'];
const WORKING_GROUPS = Array.from({ length: 5 }, (_, i) => ({
	id: `wg-${i + 1}`,
	name: `Working group ${i + 1}: Topic ${i + 1}`,
	kind: 'working-group' as const,
	short: `WG${i + 1}`,
	members: [],
	zone: null
}));

/** mulberry32: tiny, fast, good enough for test data. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const CITIES: Location[] = [
	{ id: 'riyadh', city: 'Riyadh', country: 'SA', zone: 'Asia/Riyadh', lat: 24.7136, lon: 46.6753 },
	{
		id: 'barcelona',
		city: 'Barcelona',
		country: 'ES',
		region: 'CT',
		zone: 'Europe/Madrid',
		lat: 41.3546,
		lon: 2.1278
	},
	{
		id: 'geneva',
		city: 'Geneva',
		country: 'CH',
		region: 'GE',
		zone: 'Europe/Zurich',
		lat: 46.2044,
		lon: 6.1432
	},
	{ id: 'lyon', city: 'Lyon', country: 'FR', zone: 'Europe/Paris', lat: 45.764, lon: 4.8357 },
	{
		id: 'new-york',
		city: 'New York',
		country: 'US',
		region: 'NY',
		zone: 'America/New_York',
		lat: 40.7489,
		lon: -73.968
	},
	{ id: 'tokyo', city: 'Tokyo', country: 'JP', zone: 'Asia/Tokyo', lat: 35.6762, lon: 139.6503 },
	{
		id: 'sao-paulo',
		city: 'São Paulo',
		country: 'BR',
		region: 'SP',
		zone: 'America/Sao_Paulo',
		lat: -23.5505,
		lon: -46.6333
	},
	{
		id: 'kathmandu',
		city: 'Kathmandu',
		country: 'NP',
		zone: 'Asia/Kathmandu',
		lat: 27.7172,
		lon: 85.324
	},
	{ id: 'apia', city: 'Apia', country: 'WS', zone: 'Pacific/Apia', lat: -13.8333, lon: -171.7667 }
];

const ZONES = [
	'Europe/Brussels',
	'Asia/Tokyo',
	'America/New_York',
	'Pacific/Kiritimati',
	'Pacific/Pago_Pago',
	'Asia/Kathmandu',
	'America/St_Johns'
];
const ROLES = ['lead', 'support', 'speaker', 'required', 'optional'] as const;
const KINDS = ['event', 'activity', 'deadline', 'meeting', 'action'] as const;

export function generatePlan(sizes: GeneratorSizes, seed: number): PlanFile {
	const r = prng(seed);
	const int = (n: number) => Math.floor(r() * n);
	const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
	const span = sizes.days ?? 365;
	const day = () => addDays('2024-01-01', int(span));

	const spec = (): DateSpec => {
		const k = r();
		const start = day();
		if (k < 0.3) return { type: 'day', date: start };
		if (k < 0.55) return { type: 'range', start, end: addDays(start, 1 + int(4)) };
		if (k < 0.75) {
			const ms = Date.UTC(2024, 0, 1) + int(span * 24 * 4) * 900_000;
			const iso = (t: number) => new Date(t).toISOString().slice(0, 16) + 'Z';
			return {
				type: 'timed',
				start: iso(ms),
				end: iso(ms + (1 + int(8)) * 1_800_000),
				zone: pick(ZONES)
			};
		}
		if (k < 0.88) {
			const windows = Array.from({ length: 1 + int(3) }, () => {
				const s = addDays(start, int(10));
				return { start: s, end: addDays(s, int(3)) };
			});
			return { type: 'candidates', windows };
		}
		if (k < 0.95) {
			const month = Number(start.slice(5, 7));
			return {
				type: 'part-of-month',
				year: 2024,
				month,
				part: pick(['early', 'mid', 'late'] as const)
			};
		}
		if (k < 0.98) return { type: 'by', date: addDays(start, int(20)), from: start };
		return { type: 'tbd' };
	};

	const people: Person[] = Array.from({ length: sizes.people }, (_, i) => ({
		id: `p${i}`,
		name: `Person ${i}`,
		role: 'Member',
		zone: r() < 0.9 ? pick(ZONES) : null,
		workingHours: { start: '09:00', end: '17:00' }
	}));
	const items: Item[] = Array.from({ length: sizes.items }, (_, i) => {
		const kind = pick(KINDS);
		const placeRoll = r();
		return {
			id: `i${i}`,
			kind,
			title: `Item ${i}`,
			when: spec(),
			location: placeRoll < 0.55 ? pick(CITIES).id : placeRoll < 0.8 ? 'online' : null,
			linkedTo: null,
			group: null,
			status: r() < 0.03 ? 'cancelled' : 'planned'
		};
	});
	// A few items happen at an earlier event (the presentation at WSIS+20).
	const events = items.filter((i) => i.kind === 'event');
	for (const it of items)
		if (it.kind !== 'event' && events.length && r() < 0.05) it.linkedTo = pick(events).id;

	const assignments: Assignment[] = Array.from({ length: sizes.assignments }, (_, i) => {
		const unresolved = r() < 0.01;
		return {
			id: `a${i}`,
			item: `i${int(sizes.items)}`,
			role: pick(ROLES),
			who: unresolved ? 'TBD' : 'X',
			...(unresolved ? {} : { person: `p${int(sizes.people)}` }),
			inferred: false
		};
	});
	const commitments: Commitment[] = Array.from({ length: sizes.busy }, (_, i) => {
		const when = spec();
		return {
			id: `b${i}`,
			person: `p${int(sizes.people)}`,
			source: 'busy' as const,
			when: when.type === 'tbd' ? { type: 'day' as const, date: day() } : when,
			place: r() < 0.5 ? pick(CITIES).id : r() < 0.5 ? 'online' : null,
			reason: `Private reason ${i}`,
			strength: r() < 0.7 ? ('hard' as const) : ('soft' as const),
			visibility: r() < 0.5 ? ('private' as const) : ('public' as const)
		};
	});
	if (sizes.lanes) {
		items.forEach((it, i) => {
			it.track = TRACKS[i % TRACKS.length];
			if (it.track === 'Working groups') it.group = WORKING_GROUPS[(i >> 2) % 5]!.id;
		});
	}
	const depCount = sizes.dependencies ?? Math.floor(sizes.items / 10);
	const dependencies = Array.from({ length: depCount }, (_, i) => {
		const from = int(sizes.items);
		let to = int(sizes.items);
		if (to === from) to = (to + 1) % sizes.items;
		return {
			id: `d${i}`,
			from: `i${from}`,
			to: `i${to}`,
			type: 'finish-to-start' as const,
			lagDays: int(3)
		};
	});
	return {
		version: 1,
		name: `Generated ${seed}`,
		zone: 'UTC',
		people,
		groups: sizes.lanes ? WORKING_GROUPS : [],
		locations: CITIES,
		items,
		assignments,
		dependencies: sizes.items > 1 ? dependencies : [],
		commitments
	};
}
