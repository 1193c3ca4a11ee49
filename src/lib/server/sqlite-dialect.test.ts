import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeSqliteDialect, wrapDatabaseSync } from './sqlite-dialect.ts';

type Db = { t: { id: number; name: string; flag: number } };

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'iww-dialect-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

function open(file = join(dir, 'x.db')) {
	const raw = new DatabaseSync(file);
	raw.exec('create table t (id integer primary key, name text not null, flag integer not null)');
	return { raw, db: new Kysely<Db>({ dialect: new NodeSqliteDialect({ database: raw }) }) };
}

describe('wrapDatabaseSync', () => {
	it('tells readers from writers by their result columns', () => {
		const raw = new DatabaseSync(':memory:');
		raw.exec('create table t (id integer)');
		const db = wrapDatabaseSync(raw);
		expect(db.prepare('select 1 as one').reader).toBe(true);
		expect(db.prepare('pragma journal_mode').reader).toBe(true);
		expect(db.prepare('insert into t (id) values (?) returning id').reader).toBe(true);
		expect(db.prepare('insert into t (id) values (?)').reader).toBe(false);
		expect(db.prepare('delete from t').reader).toBe(false);
		db.close();
		expect(raw.isOpen).toBe(false);
	});

	it('passes parameter arrays as spread parameters and reports changes', () => {
		const raw = new DatabaseSync(':memory:');
		raw.exec('create table t (id integer, name text)');
		const db = wrapDatabaseSync(raw);
		const result = db.prepare('insert into t (id, name) values (?, ?)').run([7, 'seven']);
		expect(Number(result.changes)).toBe(1);
		expect(Number(result.lastInsertRowid)).toBe(1);
		expect(db.prepare('select id, name from t where id = ?').all([7])).toEqual([
			{ id: 7, name: 'seven' }
		]);
		expect([...db.prepare('select id from t where name = ?').iterate(['seven'])]).toEqual([
			{ id: 7 }
		]);
	});

	it('leaves the handle open when asked to', () => {
		const raw = new DatabaseSync(':memory:');
		wrapDatabaseSync(raw, { closeOnDestroy: false }).close();
		expect(raw.isOpen).toBe(true);
		raw.close();
	});
});

describe('NodeSqliteDialect', () => {
	it('runs Kysely queries, binding booleans as 1/0 and streaming selects', async () => {
		const { db } = open();
		await db
			.insertInto('t')
			.values([
				{ id: 1, name: 'a', flag: 1 },
				{ id: 2, name: 'b', flag: 0 }
			])
			.execute();
		const on = await db
			.selectFrom('t')
			.select('name')
			.where(sql<boolean>`flag`, '=', true)
			.execute();
		expect(on).toEqual([{ name: 'a' }]);
		const updated = await db
			.updateTable('t')
			.set({ name: 'z' })
			.where('id', '=', 2)
			.executeTakeFirst();
		expect(updated.numUpdatedRows).toBe(1n);
		const streamed: string[] = [];
		for await (const row of db.selectFrom('t').select('name').orderBy('id').stream()) {
			streamed.push(row.name);
		}
		expect(streamed).toEqual(['a', 'z']);
		await db.destroy();
	});

	it('rolls a failed transaction back', async () => {
		const { db } = open();
		await expect(
			db.transaction().execute(async (trx) => {
				await trx.insertInto('t').values({ id: 1, name: 'a', flag: 0 }).execute();
				await trx.insertInto('t').values({ id: 1, name: 'dup', flag: 0 }).execute();
			})
		).rejects.toThrow(/UNIQUE constraint failed/);
		expect(await db.selectFrom('t').selectAll().execute()).toEqual([]);
		await db.destroy();
	});

	it('begins transactions IMMEDIATE, taking the write lock before the first write', async () => {
		const file = join(dir, 'lock.db');
		const { db } = open(file);
		const other = new DatabaseSync(file, { timeout: 0 });
		let otherWriter: unknown = null;
		await db.transaction().execute(async (trx) => {
			// Only a read so far: a deferred BEGIN would not hold the write lock yet.
			await trx.selectFrom('t').selectAll().execute();
			try {
				other.exec('begin immediate');
				other.exec('rollback');
			} catch (e) {
				otherWriter = e;
			}
		});
		expect(String(otherWriter)).toMatch(/database is locked/);
		// Once committed, the other connection can write.
		other.exec('begin immediate; rollback');
		other.close();
		await db.destroy();
	});

	it('opens a database from a factory on first use', async () => {
		let calls = 0;
		const db = new Kysely<Db>({
			dialect: new NodeSqliteDialect({
				database: () => {
					calls++;
					return new DatabaseSync(':memory:');
				}
			})
		});
		expect(calls).toBe(0);
		const { rows } = await sql<{ v: number }>`select 41 + 1 as v`.execute(db);
		expect(rows).toEqual([{ v: 42 }]);
		await sql`select 1`.execute(db);
		expect(calls).toBe(1);
		await db.destroy();
	});
});
