/**
 * A database written by the release before the write path (tests/fixtures/db/) is carried forward
 * by the migrations with nothing lost: its export is unchanged, its feed tokens and member links
 * still work, its history keeps its actors and becomes filterable through the refs index.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { memberForToken } from './accounts.ts';
import { closeDatabase, openDatabase, type Database } from './db.ts';
import { listHistory } from './edit-repository.ts';
import { findTokenOwner } from './feed-tokens.ts';
import { loadPlan } from './plan-repository.ts';
import { writePlan } from './write.ts';

const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/db');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

let dir: string;
let db: Kysely<Database>;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'iww-migrate-'));
	copyFileSync(join(FIXTURES, 'main-e336488.db'), join(dir, 'old.db'));
	db = openDatabase(join(dir, 'old.db'));
});
afterEach(async () => {
	await closeDatabase(db);
	rmSync(dir, { recursive: true, force: true });
});

it('exports the same plan after the migration as the old release did before it', async () => {
	const before = JSON.parse(read('main-e336488.export.json')) as unknown;
	expect(await loadPlan(db)).toEqual(before);
	const applied = await sql<{
		name: string;
	}>`select name from kysely_migration order by name`.execute(db);
	expect(applied.rows.map((r) => r.name)).toContain('0004_write_path');
});

it('keeps feed tokens, member links and history, now with typed actors and a refs index', async () => {
	const tokens = JSON.parse(read('main-e336488.tokens.json')) as {
		feedToken: { person: string; token: string };
		memberLink: { token: string };
	};
	expect(await findTokenOwner(db, tokens.feedToken.token)).toMatchObject({
		personId: tokens.feedToken.person
	});
	expect(await memberForToken(db, tokens.memberLink.token)).toBe(tokens.feedToken.person);
	const history = await listHistory(db, { limit: 100 });
	expect(history.length).toBe(5);
	expect(history.some((h) => h.actor.kind === 'organizer' && h.by === 'Ana (organizer)')).toBe(
		true
	);
	expect(history.some((h) => h.actor.kind === 'member')).toBe(true);
	const edited = history.find((h) => h.entity === 'item' && h.action === 'update');
	expect(edited).toBeDefined();
	expect((await listHistory(db, { item: edited!.entityId })).map((h) => h.id)).toContain(
		edited!.id
	);
	const fk = await sql`pragma foreign_key_check`.execute(db);
	expect(fk.rows).toEqual([]);
});

it('takes edits through the write path after the migration, without touching other rows', async () => {
	const plan = (await loadPlan(db))!;
	const person = plan.people[0]!.id;
	const rows = async () =>
		(
			await db.selectFrom('commitments').select(['id', 'data', 'position']).orderBy('id').execute()
		).map((r) => JSON.stringify(r));
	const before = await rows();
	await writePlan(
		db,
		{ kind: 'member', person },
		{
			changes: [
				{
					entity: 'commitment',
					id: 'busy-after',
					action: 'create',
					value: {
						id: 'busy-after',
						person,
						source: 'busy',
						when: { type: 'day', date: '2024-05-01' }
					}
				}
			]
		},
		{ now: '2024-02-01T00:00:00Z' }
	);
	const after = await rows();
	expect(after.filter((r) => !before.includes(r))).toHaveLength(1);
	expect(before.filter((r) => !after.includes(r))).toHaveLength(0);
});
