/**
 * Opens the planner's SQLite database: one file, WAL, foreign keys on, migrated to the latest
 * schema before the first query runs.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, type Generated } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as m0001 from './migrations/0001_init.ts';
import * as m0002 from './migrations/0002_feed_tokens.ts';
import * as m0003 from './migrations/0003_editing.ts';
import * as m0004 from './migrations/0004_write_path.ts';
import * as m0005 from './migrations/0005_delivery.ts';
import * as m0006 from './migrations/0006_sources.ts';
import * as m0007 from './migrations/0007_login_limits.ts';
import * as m0008 from './migrations/0008_fetch_counts.ts';
import { NodeSqliteDialect } from './sqlite-dialect.ts';

export type PlanMetaTable = { key: string; value: string };

/** A plan entity stored as its PlanFile JSON, in file order. */
export type EntityTable = { id: string; position: number; data: string };

export type ItemsTable = EntityTable & {
	kind: string;
	/** SHA-256 of the item's JSON plus its assignments; a change bumps `revision`. */
	content_hash: string;
	revision: Generated<number>;
	/** ISO instant of the last content change, deletion or return. */
	updated_at: string;
	/** ISO instant the item left the plan; it is kept so feeds can publish it as cancelled. */
	deleted_at: string | null;
};

export type AssignmentsTable = EntityTable & {
	item_id: string;
	person_id: string | null;
	group_id: string | null;
};

export type DependenciesTable = EntityTable & { from_id: string; to_id: string };

export type CommitmentsTable = EntityTable & {
	person_id: string;
	item_id: string | null;
	/** `event` (an outside event they must attend, the organizers') or `busy` (the member's own). */
	source: string;
};

export type FeedTokensTable = {
	person_id: string;
	/** SHA-256 (hex) of the token; the token itself is shown once and never stored. */
	token_hash: string;
	created_at: string;
	/** 1 when the person chose to show their private busy periods in their own feed. */
	include_private_busy: Generated<number>;
};

export type OrganizersTable = {
	id: string;
	name: string;
	/** `scrypt$N$r$p$salt$hash`, base64url parts. */
	password_hash: string;
	created_at: string;
};

export type SessionsTable = {
	/** SHA-256 (hex) of the session id in the cookie. */
	id_hash: string;
	organizer_id: string;
	name: string;
	created_at: string;
	expires_at: string;
};

export type SetupTokensTable = { token_hash: string; expires_at: string };

export type MemberLinksTable = { person_id: string; token_hash: string; created_at: string };

export type HistoryTable = {
	id: Generated<number>;
	at: string;
	/** How the history names the actor (display name). */
	actor: string;
	/** organizer, member, admin-token, cli or system (see domain/actor.ts). */
	actor_kind: string;
	/** Organizer id or name, person id, CLI user or task; null for the admin token. */
	actor_id: string | null;
	entity: string;
	entity_id: string;
	action: string;
	refs: string;
	before: string | null;
	after: string | null;
};

/** One row per item or person a history entry touches: filters use its index. */
export type HistoryRefsTable = { history_id: number; ref: string };
/** One fetch of a personal feed (migration 0005). */
export type FeedFetchesTable = {
	id: Generated<number>;
	person_id: string;
	at: string;
	client: string;
	status: number;
	version: string;
	/** How many identical fetches this row stands for (see 0008_fetch_counts). */
	count: Generated<number>;
};

/** Fetches of public and group feeds, counted per day, feed and client family. */
export type FeedCountsTable = { day: string; feed: string; client: string; count: number };

/** A change notice by email (see mail.ts). */
export type NoticesTable = {
	id: Generated<number>;
	item_id: string;
	person_id: string;
	actor: string;
	created_at: string;
	method: string;
	sequence: number;
	revision: number;
	sentence: string;
	state: string;
	attempts: Generated<number>;
	last_error: string | null;
	sent_at: string | null;
	next_try_at: string | null;
};

/** A member's calendar that their busy periods come from (migration 0006). */
export type AvailabilitySourcesTable = {
	id: string;
	person_id: string;
	/** `file` (uploaded .ics) or `url` (a subscribed address, refreshed on its own). */
	kind: string;
	label: string;
	/** The subscribed address: a secret, shown only to the member and organizers, never logged. */
	url: string | null;
	strength: string;
	visibility: string;
	/** 1: event titles are kept as the periods' reasons. */
	keep_summary: number;
	paused: number;
	created_at: string;
	last_refresh_at: string | null;
	last_ok_at: string | null;
	last_error: string | null;
	etag: string | null;
	last_modified: string | null;
	next_refresh_at: string | null;
	failures: number;
	/** SHA-256 of the last calendar text imported (the same text again is not even parsed). */
	content_hash: string | null;
};

/** One sign-in attempt, reserved before the password is checked (migration 0007). */
export type LoginAttemptsTable = { id: Generated<number>; client: string; at: number };

/** A random key made once per database (migration 0007), e.g. for opaque ids. */
export type ServerSecretsTable = { name: string; value: string };

export type Database = {
	plan_meta: PlanMetaTable;
	people: EntityTable;
	groups: EntityTable;
	locations: EntityTable;
	items: ItemsTable;
	assignments: AssignmentsTable;
	dependencies: DependenciesTable;
	commitments: CommitmentsTable;
	feed_tokens: FeedTokensTable;
	organizers: OrganizersTable;
	sessions: SessionsTable;
	setup_tokens: SetupTokensTable;
	member_links: MemberLinksTable;
	history: HistoryTable;
	history_refs: HistoryRefsTable;
	feed_fetches: FeedFetchesTable;
	feed_counts: FeedCountsTable;
	notices: NoticesTable;
	availability_sources: AvailabilitySourcesTable;
	login_attempts: LoginAttemptsTable;
	server_secrets: ServerSecretsTable;
};

/**
 * Every migration, listed in code rather than found on disk, so the same list works in the Vite
 * server bundle and when Node runs the TypeScript directly. Names sort in the order they apply.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
	'0001_init': m0001,
	'0002_feed_tokens': m0002,
	'0003_editing': m0003,
	'0004_write_path': m0004,
	'0005_delivery': m0005,
	'0006_sources': m0006,
	'0007_login_limits': m0007,
	'0008_fetch_counts': m0008
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };

/**
 * Brings a database up to the latest schema; returns the names of the migrations it applied
 * (none when already current), and throws if one failed (its transaction is rolled back).
 */
// The migrator works on whatever schema the database has, not on our table types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
	const { error, results = [] } = await new Migrator({
		db,
		provider,
		// Features add migrations on their own branches; a database that already has a later one
		// must still accept an earlier number merged afterwards (they touch separate tables).
		allowUnorderedMigrations: true
	}).migrateToLatest();
	if (error !== undefined) {
		const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'setup';
		throw new Error(`database migration ${failed} failed`, { cause: error });
	}
	return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The database file could not be opened; the message names the path and why. */
export class DatabaseOpenError extends Error {
	constructor(file: string, cause: unknown) {
		const why = cause instanceof Error ? cause.message : String(cause);
		super(`Cannot open the database at ${file} (DATABASE_PATH): ${why}`, { cause });
		this.name = 'DatabaseOpenError';
	}
}

function openFile(path: string): DatabaseSync {
	const file = resolve(path);
	let database: DatabaseSync;
	try {
		mkdirSync(dirname(file), { recursive: true });
		database = new DatabaseSync(file);
		// A directory, or a file that is not a database, fails only on the first read.
		database.exec('PRAGMA schema_version');
	} catch (e) {
		throw new DatabaseOpenError(file, e);
	}
	try {
		// WAL lets the server read while the CLI writes; NORMAL is durable enough with WAL and much
		// faster; busy_timeout makes a second writer wait instead of failing.
		database.exec('PRAGMA journal_mode = WAL');
		database.exec('PRAGMA foreign_keys = ON');
		database.exec('PRAGMA busy_timeout = 5000');
		database.exec('PRAGMA synchronous = NORMAL');
		const pages = Number(process.env.DATABASE_MAX_PAGES ?? '');
		// A storage quota (pages of 4 KiB): past it SQLite answers SQLITE_FULL like a full disk.
		if (Number.isInteger(pages) && pages > 0) database.exec(`PRAGMA max_page_count = ${pages}`);
	} catch (e) {
		database.close();
		throw new DatabaseOpenError(file, e);
	}
	return database;
}

/**
 * Opens (creating if needed) the database file at `path`. The file is opened and configured now,
 * so a bad path fails here; the migrations run before the first query (Kysely initialises its
 * driver lazily and asynchronously), so callers just await their first query. Opening the same
 * file twice, from one process or several, is fine: migrations already applied are skipped.
 */
export function openDatabase(path: string): Kysely<Database> {
	const database = openFile(path);
	return new Kysely<Database>({
		dialect: new NodeSqliteDialect({
			database: async () => {
				// A throwaway Kysely on the same handle runs the migrator before anyone else can
				// query; it must not close the handle when it is destroyed.
				const migrator = new Kysely<unknown>({
					dialect: new NodeSqliteDialect({ database, closeOnDestroy: false })
				});
				try {
					await migrateToLatest(migrator);
				} catch (e) {
					database.close();
					throw e;
				} finally {
					await migrator.destroy();
				}
				return database;
			}
		})
	});
}

/**
 * A second, read-only connection to an open (migrated) database, for the reads every request
 * makes (who is signed in, whose member link): the write connection is held for the whole of a
 * write's transaction, and a large import must not make every signed-in page wait for it. WAL
 * lets this connection read the last committed state meanwhile.
 */
export function openReader(path: string): Kysely<Database> {
	const database = new DatabaseSync(resolve(path), { readOnly: true });
	database.exec('PRAGMA busy_timeout = 5000');
	return new Kysely<Database>({ dialect: new NodeSqliteDialect({ database }) });
}

/** Closes the database (checkpointing the WAL); the Kysely instance is unusable afterwards. */
export async function closeDatabase(db: Kysely<Database>): Promise<void> {
	await db.destroy();
}
