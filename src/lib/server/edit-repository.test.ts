import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanFile } from '../domain/schema.ts';
import { closeDatabase, openDatabase, type Database } from './db.ts';
import {
	applyEdit,
	EditConflict,
	EditForbidden,
	EditInvalid,
	EditNotFound,
	listHistory,
	versionOf
} from './edit-repository.ts';
import { loadItemMeta, loadPlan, planRevision, replacePlan } from './plan-repository.ts';

const T0 = '2024-01-01T00:00:00Z';
const T1 = '2024-01-02T00:00:00Z';
const T2 = '2024-01-03T00:00:00Z';

const plan = PlanFile.parse({
	version: 1,
	name: 'Edit fixture',
	people: [
		{ id: 'vc', name: 'Vint Cerf', initials: 'VC' },
		{ id: 'mr', name: 'Maria Ressa', initials: 'MR' }
	],
	items: [
		{ id: 'wsis', kind: 'event', title: 'WSIS+20', when: { type: 'day', date: '2024-05-27' } },
		{
			id: 'talk',
			kind: 'activity',
			title: 'Talk',
			when: { type: 'day', date: '2024-05-28' },
			linkedTo: 'wsis'
		},
		{ id: 'draft', kind: 'deadline', title: 'Draft', when: { type: 'by', date: '2024-04-01' } }
	],
	assignments: [{ id: 'a1', item: 'draft', role: 'lead', who: 'VC', person: 'vc' }],
	dependencies: [{ id: 'd1', from: 'draft', to: 'talk' }],
	commitments: [
		{
			id: 'busy-mr',
			person: 'mr',
			source: 'busy',
			when: { type: 'day', date: '2024-03-01' },
			reason: 'Dentist',
			visibility: 'private'
		}
	]
});

let dir: string;
let db: Kysely<Database>;

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'iww-edit-'));
	db = openDatabase(join(dir, 'p.db'));
	await replacePlan(db, plan, T0);
});
afterEach(async () => {
	await closeDatabase(db);
	rmSync(dir, { recursive: true, force: true });
});

/** History without the import that set up the fixture (imports are recorded too). */
const edits = async (filter: Parameters<typeof listHistory>[1] = {}) =>
	(await listHistory(db, filter)).filter((e) => e.entity !== 'plan');

const meta = async (id: string) => (await loadItemMeta(db)).find((m) => m.id === id)!;

describe('applyEdit', () => {
	it('updates an item, bumps its revision and updated_at, and records before/after', async () => {
		const r = await applyEdit(
			db,
			{
				entity: 'item',
				id: 'draft',
				action: 'update',
				expected: '1',
				patch: (b) => ({ ...b, title: 'Zero draft' })
			},
			'organizer:org',
			T1
		);
		expect(r).toMatchObject({ changed: true, version: '2' });
		expect(await meta('draft')).toMatchObject({ revision: 2, updatedAt: T1 });
		const [h] = await edits({ item: 'draft' });
		expect(h).toMatchObject({
			actor: { kind: 'organizer', name: 'org' },
			entity: 'item',
			action: 'update',
			at: T1
		});
		expect(h?.before).toMatchObject({ title: 'Draft' });
		expect(h?.after).toMatchObject({ title: 'Zero draft' });
		expect(await planRevision(db)).toBe(2);
	});

	it('refuses a second save from a stale version and names the change that won', async () => {
		await applyEdit(
			db,
			{
				entity: 'item',
				id: 'draft',
				action: 'update',
				expected: '1',
				patch: (b) => ({ ...b, title: 'First' })
			},
			'organizer:a',
			T1
		);
		const stale = applyEdit(
			db,
			{
				entity: 'item',
				id: 'draft',
				action: 'update',
				expected: '1',
				patch: (b) => ({ ...b, title: 'Second' })
			},
			'organizer:b',
			T2
		);
		const e = await stale.catch((x: unknown) => x);
		expect(e).toBeInstanceOf(EditConflict);
		const conflict = e as EditConflict;
		expect(conflict.current).toMatchObject({ title: 'First' });
		expect(conflict.version).toBe('2');
		expect(conflict.change).toMatchObject({
			actor: { kind: 'organizer', name: 'a' },
			after: { title: 'First' }
		});
		expect((await loadPlan(db))?.items.find((i) => i.id === 'draft')?.title).toBe('First');
	});

	it('a no-op save changes nothing and records nothing', async () => {
		const r = await applyEdit(
			db,
			{ entity: 'item', id: 'draft', action: 'update', patch: (b) => ({ ...b }) },
			'x',
			T1
		);
		expect(r.changed).toBe(false);
		expect(await edits()).toHaveLength(0);
		expect((await meta('draft')).revision).toBe(1);
	});

	it('an assignment change bumps the item revision (feeds see who is on it)', async () => {
		await applyEdit(
			db,
			{
				entity: 'assignment',
				id: 'a2',
				action: 'create',
				value: { id: 'a2', item: 'draft', role: 'support', who: 'MR', person: 'mr' }
			},
			'x',
			T1
		);
		expect((await meta('draft')).revision).toBe(2);
		expect((await edits({ person: 'mr' }))[0]).toMatchObject({ entity: 'assignment' });
	});

	it('deleting an item soft-deletes it and removes what hangs on it, with history', async () => {
		await applyEdit(db, { entity: 'item', id: 'draft', action: 'delete', expected: '1' }, 'x', T1);
		const m = await meta('draft');
		expect(m).toMatchObject({ deletedAt: T1, revision: 2 });
		const p = (await loadPlan(db))!;
		expect(p.items.map((i) => i.id)).not.toContain('draft');
		expect(p.assignments).toHaveLength(0);
		expect(p.dependencies).toHaveLength(0);
		const h = await edits({ item: 'draft' });
		expect(h.map((e) => `${e.entity}:${e.action}`).sort()).toEqual([
			'assignment:delete',
			'dependency:delete',
			'item:delete'
		]);
	});

	it('refuses to delete an event other items happen at', async () => {
		await expect(
			applyEdit(db, { entity: 'item', id: 'wsis', action: 'delete' }, 'x', T1)
		).rejects.toBeInstanceOf(EditInvalid);
	});

	it('reports a dangling reference on the edited field and writes nothing', async () => {
		const e = await applyEdit(
			db,
			{ entity: 'item', id: 'talk', action: 'update', patch: (b) => ({ ...b, linkedTo: 'nope' }) },
			'x',
			T1
		).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(EditInvalid);
		expect((e as EditInvalid).issues).toEqual([
			{ field: 'linkedTo', message: 'refers to unknown item "nope"' }
		]);
		expect(await edits()).toHaveLength(0);
	});

	it('refuses a new item reusing a removed item id, and unknown ids', async () => {
		await applyEdit(db, { entity: 'item', id: 'draft', action: 'delete' }, 'x', T1);
		await expect(
			applyEdit(
				db,
				{ entity: 'item', id: 'draft', action: 'create', value: plan.items[2] },
				'x',
				T2
			)
		).rejects.toBeInstanceOf(EditInvalid);
		await expect(
			applyEdit(db, { entity: 'item', id: 'nope', action: 'delete' }, 'x', T2)
		).rejects.toBeInstanceOf(EditNotFound);
	});

	it('keeps members to their own entries', async () => {
		const own = { entity: 'commitment' as const, owner: 'vc' };
		await expect(
			applyEdit(db, { ...own, id: 'busy-mr', action: 'delete' }, 'member:vc', T1)
		).rejects.toBeInstanceOf(EditForbidden);
		await expect(
			applyEdit(
				db,
				{
					...own,
					id: 'b2',
					action: 'create',
					value: {
						id: 'b2',
						person: 'mr',
						source: 'busy',
						when: { type: 'day', date: '2024-03-02' }
					}
				},
				'member:vc',
				T1
			)
		).rejects.toBeInstanceOf(EditForbidden);
		await expect(
			applyEdit(
				db,
				{
					entity: 'person',
					owner: 'vc',
					id: 'mr',
					action: 'update',
					patch: (b) => ({ ...b, zone: 'UTC' })
				},
				'member:vc',
				T1
			)
		).rejects.toBeInstanceOf(EditForbidden);
		const ok = await applyEdit(
			db,
			{
				entity: 'person',
				owner: 'vc',
				id: 'vc',
				action: 'update',
				patch: (b) => ({ ...b, zone: 'Europe/Paris' })
			},
			'member:vc',
			T1
		);
		expect(ok.changed).toBe(true);
		expect(await versionOf(db, 'person', null)).toBeNull();
	});
});
