/**
 * The write path against a model: random sequences of changes written one by one through
 * `writePlan` (each its own transaction, on a real SQLite file) must leave the same plan as
 * applying them to the PlanFile in memory and importing the result into a fresh database. Refused
 * changes must be refused by both, and leave nothing behind. The database must pass SQLite's
 * integrity and foreign-key checks after every sequence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../domain/actor.ts';
import { applyChanges, type Change } from '../domain/plan-changes.ts';
import { PlanFile } from '../domain/schema.ts';
import seedJson from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { closeDatabase, openDatabase, type Database } from './db.ts';
import { listHistory } from './edit-repository.ts';
import { loadItemMeta, loadPlan, replacePlan } from './plan-repository.ts';
import { writePlan } from './write.ts';

const seed = PlanFile.parse(seedJson);
const T0 = '2024-01-01T00:00:00Z';
const ACTOR: Actor = { kind: 'organizer', name: 'Property' };
const RUNS = Number(process.env.WRITE_PROPERTY_RUNS ?? 15);

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'iww-write-prop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function fresh(plan: PlanFile | null): Promise<Kysely<Database>> {
	const db = openDatabase(join(dir, `db-${counter++}.db`));
	if (plan) await replacePlan(db, plan, T0);
	return db;
}

const itemIds = seed.items.map((i) => i.id);
const personIds = seed.people.map((p) => p.id);
const ids = (prefix: string) => fc.integer({ min: 0, max: 5 }).map((n) => `${prefix}-${n}`);

/** Changes of every kind, valid and not: unknown ids, dangling references, bad dates. */
const change: fc.Arbitrary<Change> = fc.oneof(
	fc
		.record({ id: fc.constantFrom(...itemIds), title: fc.string({ minLength: 0, maxLength: 12 }) })
		.map(({ id, title }): Change => ({
			entity: 'item',
			id,
			action: 'update',
			patch: (b) => ({ ...b, title })
		})),
	fc
		.record({
			id: fc.constantFrom(...itemIds),
			start: fc.integer({ min: 1, max: 28 }),
			len: fc.integer({ min: -2, max: 5 })
		})
		.map(({ id, start, len }): Change => ({
			entity: 'item',
			id,
			action: 'update',
			patch: (b) => ({
				...b,
				when: {
					type: 'range',
					start: `2024-03-${String(start).padStart(2, '0')}`,
					end: `2024-03-${String(Math.max(1, Math.min(28, start + len))).padStart(2, '0')}`
				}
			})
		})),
	fc.constantFrom(...itemIds).map((id): Change => ({ entity: 'item', id, action: 'delete' })),
	ids('new-item').map((id): Change => ({
		entity: 'item',
		id,
		action: 'create',
		value: { id, kind: 'action', title: `New ${id}`, when: { type: 'day', date: '2024-04-02' } }
	})),
	fc
		.record({ id: ids('busy'), person: fc.constantFrom(...personIds, 'nobody') })
		.map(({ id, person }): Change => ({
			entity: 'commitment',
			id,
			action: 'create',
			value: {
				id,
				person,
				source: 'busy',
				when: { type: 'day', date: '2024-03-05' },
				reason: 'Away'
			}
		})),
	ids('busy').map((id): Change => ({ entity: 'commitment', id, action: 'delete' })),
	fc
		.record({
			id: ids('asg'),
			item: fc.constantFrom(...itemIds, 'new-item-1'),
			person: fc.constantFrom(...personIds)
		})
		.map(({ id, item, person }): Change => ({
			entity: 'assignment',
			id,
			action: 'create',
			value: { id, item, person, role: 'support', who: person }
		})),
	ids('asg').map((id): Change => ({ entity: 'assignment', id, action: 'delete' })),
	fc
		.constantFrom(...seed.assignments.map((a) => a.id))
		.map((id): Change => ({ entity: 'assignment', id, action: 'delete' })),
	fc.constantFrom(...seed.people.map((p) => p.id)).map((id): Change => ({
		entity: 'person',
		id,
		action: 'update',
		patch: (b) => ({ ...b, role: 'Changed' })
	})),
	fc
		.constantFrom(...seed.locations.map((l) => l.id))
		.map((id): Change => ({ entity: 'location', id, action: 'delete' }))
);

async function integrity(db: Kysely<Database>): Promise<void> {
	const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
	expect(check.rows.map((r) => r.integrity_check)).toEqual(['ok']);
	const fk = await sql`pragma foreign_key_check`.execute(db);
	expect(fk.rows).toEqual([]);
}

describe('the write path equals the in-memory model', () => {
	it('for random sequences of changes, refused ones included', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 12 }), async (changes) => {
				const db = await fresh(seed);
				let model = seed;
				let accepted = 0;
				try {
					for (const [i, c] of changes.entries()) {
						const now = `2024-02-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`;
						let modelOk = true;
						let next = model;
						try {
							next = applyChanges(model, [c]).plan;
						} catch {
							modelOk = false;
						}
						// The model cannot know that an item id was used by a removed item.
						const reused =
							c.action === 'create' &&
							c.entity === 'item' &&
							(await loadItemMeta(db)).some((m) => m.id === c.id && m.deletedAt !== null);
						const written = await writePlan(db, ACTOR, { changes: [c] }, { now }).then(
							() => true,
							() => false
						);
						expect(written, `change ${i} (${c.action} ${c.entity} ${c.id})`).toBe(
							modelOk && !reused
						);
						if (written) {
							model = next;
							accepted++;
						}
					}
					const stored = await loadPlan(db);
					const imported = await fresh(model);
					try {
						expect(stored).toEqual(await loadPlan(imported));
					} finally {
						await closeDatabase(imported);
					}
					await integrity(db);
					const entries = (await listHistory(db, { limit: 1000 })).filter(
						(e) => e.entity !== 'plan'
					);
					expect(entries.length).toBeGreaterThanOrEqual(accepted === 0 ? 0 : 1);
				} finally {
					await closeDatabase(db);
				}
			}),
			{ numRuns: RUNS, seed: 20241129 }
		);
	}, 120_000);
});
