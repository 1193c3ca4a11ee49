import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanFile, type PlanFileInput } from '../domain/schema.ts';
import { closeDatabase, openDatabase, type Database } from './db.ts';
import { jsonErrorOffset } from './json-offset.ts';
import {
	importPlanJson,
	loadItemMeta,
	loadPlan,
	parsePlanJson,
	planRevision,
	PlanValidationError,
	replacePlan
} from './plan-repository.ts';

const T1 = '2024-01-10T09:00:00.000Z';
const T2 = '2024-01-11T09:00:00.000Z';
const T3 = '2024-01-12T09:00:00Z';
const T4 = '2024-01-13T09:00:00Z';

/** A small plan touching every table and several DateSpec kinds. */
function fixtureInput(): PlanFileInput {
	return {
		$schema: './planfile.schema.json',
		version: 1,
		name: 'Fixture plan',
		description: 'A plan for storage tests',
		zone: 'UTC',
		source: 'tests',
		people: [
			{ id: 'vc', name: 'Vint Cerf', initials: 'VC', role: 'Chair', zone: 'America/New_York' },
			{ id: 'mr', name: 'Maria Ressa', initials: 'MR', zone: 'Asia/Manila' },
			{ id: 'ks', name: 'Krzysztof Szubert', initials: 'KS' }
		],
		groups: [
			{
				id: 'sect',
				name: 'IGF Secretariat',
				kind: 'secretariat',
				short: 'Sect',
				zone: 'Europe/Zurich'
			}
		],
		locations: [
			{ id: 'riyadh', city: 'Riyadh', country: 'SA', zone: 'Asia/Riyadh', lat: 24.71, lon: 46.68 }
		],
		items: [
			{
				id: 'wsis-20',
				kind: 'event',
				title: 'WSIS+20 Forum',
				when: { type: 'range', start: '2024-05-27', end: '2024-05-31' },
				url: 'https://www.itu.int/net4/wsis/forum/2024/'
			},
			{
				id: 'plenary',
				kind: 'meeting',
				title: 'Panel virtual plenary',
				when: {
					type: 'timed',
					start: '2023-12-18T16:00Z',
					end: '2023-12-18T17:00Z',
					zone: 'UTC'
				},
				location: 'online'
			},
			{
				id: 'f2f',
				kind: 'meeting',
				title: 'First face-to-face meeting',
				when: {
					type: 'candidates',
					windows: [
						{ start: '2024-02-25', end: '2024-02-27' },
						{ start: '2024-02-26', end: '2024-02-28' }
					],
					text: '25 or 26 to 27 or 28 February 2024'
				},
				location: 'riyadh',
				status: 'proposed'
			},
			{
				id: 'letters',
				kind: 'action',
				title: 'Invitation letters',
				when: { type: 'by', date: '2024-03-01' }
			},
			{
				id: 'present-wsis',
				kind: 'activity',
				title: 'Present at WSIS+20',
				when: { type: 'part-of-month', year: 2024, month: 5, part: 'late' },
				linkedTo: 'wsis-20',
				group: 'sect'
			}
		],
		assignments: [
			{ id: 'plenary-vc', item: 'plenary', role: 'lead', who: 'VC', person: 'vc' },
			{ id: 'letters-vc', item: 'letters', role: 'lead', who: 'VC', person: 'vc' },
			{ id: 'letters-mr', item: 'letters', role: 'lead', who: 'MR', person: 'mr' },
			{ id: 'present-sect', item: 'present-wsis', role: 'support', who: 'Sect', group: 'sect' }
		],
		dependencies: [{ id: 'letters-before-f2f', from: 'letters', to: 'f2f', lagDays: -3 }],
		commitments: [
			{ id: 'vc-wsis', person: 'vc', source: 'event', item: 'wsis-20' },
			{
				id: 'mr-busy',
				person: 'mr',
				source: 'busy',
				when: { type: 'month', year: 2024, month: 4 },
				visibility: 'private'
			}
		]
	};
}

const fixture = (): PlanFile => PlanFile.parse(fixtureInput());
const text = (plan: unknown) => JSON.stringify(plan, null, 2);

let dir: string;
let db: Kysely<Database>;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'iww-repo-'));
	db = openDatabase(join(dir, 'planner.db'));
});
afterEach(async () => {
	await closeDatabase(db);
	rmSync(dir, { recursive: true, force: true });
});

/** Everything a reader can observe, to prove a refused import changed nothing. */
async function snapshot() {
	return JSON.stringify({
		plan: await loadPlan(db),
		meta: await loadItemMeta(db),
		revision: await planRevision(db)
	});
}

function metaById(meta: Awaited<ReturnType<typeof loadItemMeta>>) {
	return Object.fromEntries(meta.map((m) => [m.id, m]));
}

describe('loadPlan', () => {
	it('is null, and the revision 0, before anything was imported', async () => {
		expect(await loadPlan(db)).toBeNull();
		expect(await loadItemMeta(db)).toEqual([]);
		expect(await planRevision(db)).toBe(0);
	});

	it('gives back exactly what was imported, valid and in file order', async () => {
		const plan = fixture();
		await replacePlan(db, plan, T1);
		const loaded = await loadPlan(db);
		expect(loaded).toEqual(plan);
		expect(PlanFile.parse(loaded)).toEqual(plan);
		expect(loaded?.items.map((i) => i.id)).toEqual([
			'wsis-20',
			'plenary',
			'f2f',
			'letters',
			'present-wsis'
		]);
		// Key order too, so exported files diff cleanly against the file that was imported.
		expect(text(loaded)).toBe(text(plan));
	});

	it('round-trips export -> import -> export byte for byte', async () => {
		await importPlanJson(db, text(fixtureInput()), T1);
		const first = text(await loadPlan(db));
		const summary = await importPlanJson(db, first, T2);
		expect(summary).toEqual({ added: [], changed: [], removed: [], unchanged: 5 });
		expect(text(await loadPlan(db))).toBe(first);
	});

	it('round-trips an empty plan', async () => {
		const empty = PlanFile.parse({ version: 1, name: 'Empty', people: [], items: [] });
		await replacePlan(db, empty, T1);
		expect(await loadPlan(db)).toEqual(empty);
		expect(await planRevision(db)).toBe(1);
	});
});

describe('replacePlan revisions', () => {
	it('starts every item at revision 1, stamped with the import time', async () => {
		const summary = await replacePlan(db, fixture(), T1);
		expect(summary.added).toEqual(['wsis-20', 'plenary', 'f2f', 'letters', 'present-wsis']);
		expect(summary).toMatchObject({ changed: [], removed: [], unchanged: 0 });
		for (const m of await loadItemMeta(db)) {
			expect(m).toMatchObject({ revision: 1, updatedAt: T1, deletedAt: null });
		}
	});

	it('keeps revisions, timestamps and the plan revision when nothing changed', async () => {
		await replacePlan(db, fixture(), T1);
		const revision = await planRevision(db);
		await replacePlan(db, fixture(), T2);
		expect(await planRevision(db)).toBe(revision);
		// Same content with keys written in another order is the same content.
		const reordered = fixture();
		reordered.items = reordered.items.map(
			(i) => Object.fromEntries(Object.entries(i).reverse()) as typeof i
		);
		expect(await replacePlan(db, reordered, T2)).toEqual({
			added: [],
			changed: [],
			removed: [],
			unchanged: 5
		});
		for (const m of await loadItemMeta(db)) expect(m).toMatchObject({ revision: 1, updatedAt: T1 });
	});

	it('bumps changed items only, including a change of who is assigned', async () => {
		await replacePlan(db, fixture(), T1);
		const before = await planRevision(db);
		const next = fixture();
		next.items[0] = { ...next.items[0]!, title: 'WSIS+20 Forum High-Level Event' };
		// Who leads the plenary changes; the item itself does not.
		next.assignments[0] = { ...next.assignments[0]!, person: 'mr', who: 'MR' };
		const summary = await replacePlan(db, next, T2);
		expect(summary).toEqual({
			added: [],
			changed: ['wsis-20', 'plenary'],
			removed: [],
			unchanged: 3
		});
		const meta = metaById(await loadItemMeta(db));
		expect(meta['wsis-20']).toMatchObject({ revision: 2, updatedAt: T2 });
		expect(meta['wsis-20']?.item.title).toBe('WSIS+20 Forum High-Level Event');
		expect(meta['plenary']).toMatchObject({ revision: 2, updatedAt: T2 });
		expect(meta['f2f']).toMatchObject({ revision: 1, updatedAt: T1 });
		expect(meta['letters']).toMatchObject({ revision: 1, updatedAt: T1 });
		expect(await planRevision(db)).not.toBe(before);
		expect(await loadPlan(db)).toEqual(next);
	});

	it('bumps an item when an assignment is added to it or removed from it', async () => {
		await replacePlan(db, fixture(), T1);
		const next = fixture();
		next.assignments = next.assignments.filter((a) => a.id !== 'letters-mr');
		next.assignments.push({
			id: 'f2f-ks',
			item: 'f2f',
			role: 'support',
			who: 'KS',
			person: 'ks',
			inferred: false
		});
		const summary = await replacePlan(db, next, T2);
		expect(summary.changed).toEqual(['f2f', 'letters']);
		expect(summary.unchanged).toBe(3);
	});

	it('soft-deletes a removed item, keeps it, and brings it back with a new revision', async () => {
		await replacePlan(db, fixture(), T1);
		const without = fixture();
		without.items = without.items.filter((i) => i.id !== 'f2f');
		without.dependencies = [];
		expect(await replacePlan(db, without, T2)).toEqual({
			added: [],
			changed: [],
			removed: ['f2f'],
			unchanged: 4
		});
		expect((await loadPlan(db))?.items.map((i) => i.id)).not.toContain('f2f');
		let meta = metaById(await loadItemMeta(db));
		expect(meta['f2f']).toMatchObject({ revision: 2, deletedAt: T2, updatedAt: T2 });
		expect(meta['f2f']?.item.title).toBe('First face-to-face meeting');

		// Still gone: no second bump for an item that was already removed.
		await replacePlan(db, without, T3);
		meta = metaById(await loadItemMeta(db));
		expect(meta['f2f']).toMatchObject({ revision: 2, deletedAt: T2 });

		expect(await replacePlan(db, fixture(), T4)).toEqual({
			added: ['f2f'],
			changed: [],
			removed: [],
			unchanged: 4
		});
		meta = metaById(await loadItemMeta(db));
		expect(meta['f2f']).toMatchObject({ revision: 3, deletedAt: null, updatedAt: T4 });
		expect(await loadPlan(db)).toEqual(fixture());
	});

	it('counts a reorder as a plan change but not as an item change', async () => {
		await replacePlan(db, fixture(), T1);
		const before = await planRevision(db);
		const reversed = fixture();
		reversed.items.reverse();
		expect(await replacePlan(db, reversed, T2)).toMatchObject({ changed: [], unchanged: 5 });
		expect((await loadPlan(db))?.items.map((i) => i.id)).toEqual(reversed.items.map((i) => i.id));
		expect(await planRevision(db)).toBe(before + 1);
	});

	it('refuses a "now" that is not an instant, changing nothing', async () => {
		await replacePlan(db, fixture(), T1);
		const before = await snapshot();
		await expect(
			replacePlan(db, PlanFile.parse({ version: 1, name: 'x', people: [], items: [] }), 'yesterday')
		).rejects.toThrow(RangeError);
		for (const bad of ['2024-01-12', '2024-01-12T09:00:00+01:00', '2024-02-30T09:00:00Z']) {
			await expect(replacePlan(db, fixture(), bad)).rejects.toThrow(RangeError);
		}
		expect(await snapshot()).toBe(before);
	});
});

describe('replacePlan atomicity', () => {
	it('rolls everything back when an insert fails half-way (dangling person)', async () => {
		await replacePlan(db, fixture(), T1);
		const before = await snapshot();
		// Not validated on purpose: the item updates and deletions have run when the assignment
		// insert hits the foreign key.
		const broken = fixture();
		broken.items[0] = { ...broken.items[0]!, title: 'Changed before the failure' };
		broken.items = broken.items.filter((i) => i.id !== 'plenary');
		broken.assignments = [{ ...broken.assignments[1]!, person: 'nobody' }];
		await expect(replacePlan(db, broken, T2)).rejects.toThrow(/FOREIGN KEY constraint failed/);
		expect(await snapshot()).toBe(before);
	});

	it('rolls everything back on a duplicate id in the last table written', async () => {
		await replacePlan(db, fixture(), T1);
		const before = await snapshot();
		const broken = fixture();
		broken.people = broken.people.slice(0, 2);
		broken.commitments.push({ ...broken.commitments[0]! });
		await expect(replacePlan(db, broken, T2)).rejects.toThrow(/UNIQUE constraint failed/);
		expect(await snapshot()).toBe(before);
	});
});

describe('importPlanJson validation', () => {
	const invalid: [
		kind: string,
		edit: (p: Record<string, unknown> & PlanFileInput) => void,
		path: string
	][] = [
		[
			'schema error',
			(p) => {
				(p.items[1] as Record<string, unknown>).kind = 'party';
			},
			'items[1].kind'
		],
		[
			'dangling reference',
			(p) => {
				p.assignments![2]!.person = 'nobody';
			},
			'assignments[2].person: refers to unknown id "nobody"'
		],
		[
			'unparseable date',
			(p) => {
				p.items[3]!.when = { type: 'by', date: '2024-02-30' };
			},
			'items[3].when.date: is not a real calendar date'
		],
		[
			'duplicate id',
			(p) => {
				p.items[4]!.id = 'f2f';
				p.assignments![3]!.item = 'f2f';
			},
			'items[4].id: duplicate id "f2f" in items'
		]
	];

	for (const [kind, edit, path] of invalid) {
		it(`refuses a file with a ${kind}, naming the field, and changes nothing`, async () => {
			await importPlanJson(db, text(fixtureInput()), T1);
			const before = await snapshot();
			const bad = fixtureInput() as Record<string, unknown> & PlanFileInput;
			edit(bad);
			const error: unknown = await importPlanJson(db, text(bad), T2).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(PlanValidationError);
			const { issues, message } = error as PlanValidationError;
			expect(issues.some((i) => i.startsWith(path))).toBe(true);
			for (const issue of issues) expect(message).toContain(issue);
			expect(await snapshot()).toBe(before);
		});
	}

	it('refuses text that is not JSON, naming the position', async () => {
		await importPlanJson(db, text(fixtureInput()), T1);
		const before = await snapshot();
		await expect(importPlanJson(db, '{"version": 1,, }', T2)).rejects.toThrow(/position 14/);
		await expect(importPlanJson(db, '{"version": 1', T2)).rejects.toThrow(/position 13/);
		await expect(importPlanJson(db, '', T2)).rejects.toThrow(PlanValidationError);
		expect(await snapshot()).toBe(before);
	});

	it('refuses an invalid file into an empty database, which stays empty', async () => {
		await expect(importPlanJson(db, '{"version": 2}', T1)).rejects.toThrow(PlanValidationError);
		expect(await loadPlan(db)).toBeNull();
		expect(await planRevision(db)).toBe(0);
	});

	it('lists every issue, each with its path', () => {
		const bad = fixtureInput();
		(bad.people[0] as Record<string, unknown>).zone = 'Mars/Olympus';
		bad.items[0]!.location = 'atlantis';
		const error = (() => {
			try {
				parsePlanJson(JSON.stringify(bad));
			} catch (e) {
				return e;
			}
		})() as PlanValidationError;
		expect(error.issues).toEqual([
			'people[0].zone: is not an IANA time zone',
			'items[0].location: refers to unknown id "atlantis"'
		]);
	});
});

describe('jsonErrorOffset', () => {
	it('finds nothing wrong with valid JSON', () => {
		fc.assert(
			fc.property(fc.json(), fc.constantFrom(0, 2), (json, indent) => {
				expect(jsonErrorOffset(JSON.stringify(JSON.parse(json), null, indent))).toBe(-1);
			})
		);
	});

	it('agrees with V8 wherever V8 names the position', () => {
		const damaged = fc
			.tuple(
				fc.json(),
				fc.nat(),
				fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '-', '\\', '\n', '0')
			)
			.map(([json, at, insert]) => {
				const cut = at % (json.length + 1);
				return json.slice(0, cut) + insert + json.slice(cut + (insert === '' ? 1 : 0));
			});
		fc.assert(
			fc.property(damaged, (text) => {
				let position: number | undefined;
				try {
					JSON.parse(text);
					return;
				} catch (e) {
					const m = /position (\d+)/.exec((e as Error).message);
					if (m) position = Number(m[1]);
				}
				const offset = jsonErrorOffset(text);
				expect(offset).toBeGreaterThanOrEqual(0);
				if (position !== undefined) expect(offset).toBe(position);
			}),
			{ numRuns: 500 }
		);
	});

	it('points at an unexpected token, which V8 does not locate', () => {
		expect(jsonErrorOffset('{"a": }')).toBe(6);
		expect(jsonErrorOffset('[1,]')).toBe(3);
		expect(() => parsePlanJson('{\n  "name": }')).toThrow(
			/line 2, column 11 \(position 12\): Unexpected token/
		);
	});

	it('accepts a file that starts with a byte-order mark', () => {
		expect(parsePlanJson(`\uFEFF${JSON.stringify(fixtureInput())}`)).toEqual(fixture());
	});
});

describe('previewReplacePlan', () => {
	it('reports what an import would change and writes nothing', async () => {
		const { previewReplacePlan } = await import('./plan-repository.ts');
		const dir = mkdtempSync(join(tmpdir(), 'iww-preview-'));
		const db = openDatabase(join(dir, 'p.db'));
		try {
			const plan = PlanFile.parse(fixtureInput());
			await replacePlan(db, plan, T1);
			const next = { ...plan, items: plan.items.slice(1) };
			const summary = await previewReplacePlan(db, next, T2);
			expect(summary.removed).toEqual([plan.items[0]!.id]);
			expect((await loadPlan(db))?.items).toHaveLength(plan.items.length);
			expect(await planRevision(db)).toBe(1);
		} finally {
			await closeDatabase(db);
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
