import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	closeDatabase,
	MIGRATIONS,
	migrateToLatest,
	openDatabase,
	openReader,
	type Database
} from './db.ts';

let dir: string;
const open: Kysely<Database>[] = [];

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'iww-db-'));
});
afterEach(async () => {
	for (const db of open.splice(0)) await closeDatabase(db);
	rmSync(dir, { recursive: true, force: true });
});

function openTracked(path: string): Kysely<Database> {
	const db = openDatabase(path);
	open.push(db);
	return db;
}

async function pragma(db: Kysely<Database>, name: string): Promise<unknown> {
	const { rows } = await sql<Record<string, unknown>>`${sql.raw(`PRAGMA ${name}`)}`.execute(db);
	return Object.values(rows[0] ?? {})[0];
}

describe('openDatabase', () => {
	it('creates the parent folders and the file', async () => {
		const path = join(dir, 'a', 'b', 'planner.db');
		const db = openTracked(path);
		expect(existsSync(path)).toBe(true);
		await db.selectFrom('plan_meta').selectAll().execute();
	});

	it('turns on WAL, foreign keys, a busy timeout and synchronous NORMAL', async () => {
		const db = openTracked(join(dir, 'p.db'));
		expect(await pragma(db, 'journal_mode')).toBe('wal');
		expect(await pragma(db, 'foreign_keys')).toBe(1);
		expect(await pragma(db, 'busy_timeout')).toBe(5000);
		// 1 = NORMAL (2 would be FULL, SQLite's default).
		expect(await pragma(db, 'synchronous')).toBe(1);
	});

	it('migrates before the first query and creates every table', async () => {
		const db = openTracked(join(dir, 'p.db'));
		const tables = await db
			.selectFrom(sql<{ name: string; type: string }>`sqlite_master`.as('m'))
			.select('name')
			.where('type', '=', 'table')
			.orderBy('name')
			.execute();
		expect(tables.map((t) => t.name)).toEqual(
			expect.arrayContaining([
				'assignments',
				'commitments',
				'dependencies',
				'groups',
				'items',
				'locations',
				'people',
				'plan_meta',
				'kysely_migration'
			])
		);
		const applied = await db
			.selectFrom(sql<{ name: string }>`kysely_migration`.as('k'))
			.select('name')
			.execute();
		expect(applied.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
	});

	it('is idempotent: reopening and migrating again applies nothing', async () => {
		const path = join(dir, 'p.db');
		const first = openDatabase(path);
		await first.insertInto('plan_meta').values({ key: 'probe', value: 'kept' }).execute();
		await closeDatabase(first);

		const second = openTracked(path);
		const third = openTracked(path);
		expect(await migrateToLatest(second)).toEqual([]);
		expect(await migrateToLatest(third)).toEqual([]);
		const count = await second
			.selectFrom(sql<{ name: string }>`kysely_migration`.as('k'))
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(count.n).toBe(Object.keys(MIGRATIONS).length);
		const probe = await third
			.selectFrom('plan_meta')
			.select('value')
			.where('key', '=', 'probe')
			.executeTakeFirst();
		expect(probe?.value).toBe('kept');
	});

	it('enforces foreign keys', async () => {
		const db = openTracked(join(dir, 'p.db'));
		await expect(
			db
				.insertInto('assignments')
				.values({
					id: 'a',
					position: 0,
					data: '{}',
					item_id: 'nope',
					person_id: null,
					group_id: null
				})
				.execute()
		).rejects.toThrow(/FOREIGN KEY constraint failed/);
	});

	it('fails at once on a path it cannot create', () => {
		const blocker = join(dir, 'file');
		writeFileSync(blocker, 'not a folder');
		expect(() => openDatabase(join(blocker, 'p.db'))).toThrow(/ENOTDIR|EEXIST/);
	});
});

describe('openReader', () => {
	it('reads the last committed state while a write transaction holds the write connection', async () => {
		const path = join(dir, 'r.db');
		const db = openTracked(path);
		await db.insertInto('plan_meta').values({ key: 'k', value: 'before' }).execute();
		const reader = openReader(path);
		open.push(reader);
		let release = () => {};
		const gate = new Promise<void>((r) => (release = r));
		let inside = () => {};
		const started = new Promise<void>((r) => (inside = r));
		const writing = db.transaction().execute(async (trx) => {
			await trx.updateTable('plan_meta').set({ value: 'after' }).where('key', '=', 'k').execute();
			inside();
			await gate;
		});
		await started;
		const order: string[] = [];
		// The write connection is busy until the gate opens: a read on it queues behind the write.
		const onWriter = db
			.selectFrom('plan_meta')
			.select('value')
			.where('key', '=', 'k')
			.executeTakeFirst()
			.then((r) => order.push(`writer:${r?.value}`));
		const onReader = await reader
			.selectFrom('plan_meta')
			.select('value')
			.where('key', '=', 'k')
			.executeTakeFirst();
		order.push(`reader:${onReader?.value}`);
		release();
		await writing;
		await onWriter;
		expect(order).toEqual(['reader:before', 'writer:after']);
		await expect(
			reader.insertInto('plan_meta').values({ key: 'x', value: 'y' }).execute()
		).rejects.toThrow(/readonly/);
	});
});
