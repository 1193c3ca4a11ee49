/**
 * A Kysely dialect on Node's built-in `node:sqlite`, so the app needs no native add-on
 * (better-sqlite3) and still gets Kysely's SQLite query compiler, introspector and migrator.
 *
 * Kysely's `SqliteDialect` only needs a database with `prepare()` and statements with
 * `reader`/`all`/`run`/`iterate` taking an array of parameters; `node:sqlite` spreads its
 * parameters and tells readers apart by their result columns. This module is the thin adapter
 * between the two, plus one change of behaviour: transactions start with `BEGIN IMMEDIATE`.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import {
	CompiledQuery,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type SqliteDatabase,
	type SqliteDialectConfig,
	type SqliteStatement
} from 'kysely';

/** Kysely binds booleans for `where('x', '=', true)`; SQLite stores them as 1/0. */
function toSqlite(value: unknown): SQLInputValue {
	if (typeof value === 'boolean') return value ? 1 : 0;
	// Anything else node:sqlite cannot bind makes it throw a clear TypeError itself.
	return value as SQLInputValue;
}

function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
	return parameters.map(toSqlite);
}

function wrapStatement(statement: StatementSync): SqliteStatement {
	return {
		// A statement that yields columns (SELECT, PRAGMA, INSERT … RETURNING) is read with all().
		reader: statement.columns().length > 0,
		all: (parameters) => statement.all(...bind(parameters)),
		run: (parameters) => statement.run(...bind(parameters)),
		iterate: (parameters) => statement.iterate(...bind(parameters))
	};
}

export type WrapOptions = {
	/**
	 * Whether `close()` (called by `Kysely#destroy`) closes the underlying database. False when
	 * the caller keeps owning the handle, e.g. a short-lived Kysely used only to migrate.
	 */
	closeOnDestroy?: boolean;
};

/** Adapts a `DatabaseSync` to the interface Kysely's SQLite driver calls. */
export function wrapDatabaseSync(
	database: DatabaseSync,
	options: WrapOptions = {}
): SqliteDatabase {
	const closeOnDestroy = options.closeOnDestroy ?? true;
	return {
		prepare: (sql) => wrapStatement(database.prepare(sql)),
		close: () => {
			if (closeOnDestroy && database.isOpen) database.close();
		}
	};
}

/**
 * Starts every transaction with `BEGIN IMMEDIATE`. A deferred `BEGIN` that reads and then writes
 * (as a plan import does) cannot wait for another process's write lock: SQLite fails it with
 * SQLITE_BUSY at once, ignoring `busy_timeout`. Taking the write lock up front lets the server and
 * the CLI (`npm run plan -- import`) queue behind each other instead. Readers are not blocked in
 * WAL mode, and plain queries outside transactions are unaffected.
 */
class NodeSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}

	/**
	 * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR); a second
	 * rollback then fails with "no transaction is active" and would hide the error that matters.
	 */
	override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		try {
			await connection.executeQuery(CompiledQuery.raw('rollback'));
		} catch (e) {
			if (!(e instanceof Error && /no transaction is active/.test(e.message))) throw e;
		}
	}
}

export type NodeSqliteDialectConfig = Omit<SqliteDialectConfig, 'database'> & {
	/** An open `DatabaseSync`, or a function returning one (called once, on first use). */
	database: DatabaseSync | (() => DatabaseSync | Promise<DatabaseSync>);
	closeOnDestroy?: boolean;
};

export class NodeSqliteDialect extends SqliteDialect {
	readonly #config: SqliteDialectConfig;

	constructor(config: NodeSqliteDialectConfig) {
		const { database, closeOnDestroy, ...rest } = config;
		const wrap = (db: DatabaseSync) => wrapDatabaseSync(db, { closeOnDestroy });
		const sqliteConfig: SqliteDialectConfig = {
			...rest,
			database: typeof database === 'function' ? async () => wrap(await database()) : wrap(database)
		};
		super(sqliteConfig);
		this.#config = sqliteConfig;
	}

	override createDriver(): Driver {
		return new NodeSqliteDriver(this.#config);
	}
}
