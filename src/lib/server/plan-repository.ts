/**
 * The plan in the database: load it, replace it in one transaction, and keep per-item revisions
 * so calendar feeds can tell subscribers what changed (SEQUENCE, LAST-MODIFIED) and what left the
 * plan (CANCELLED). The database and the clock are always arguments.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../domain/actor.ts';
import { describeIssues, PlanFile, type Item } from '../domain/schema.ts';
import type { Database } from './db.ts';
import { jsonErrorOffset } from './json-offset.ts';
import {
	loadPlanRows,
	readPlanVersion,
	readVersionShared,
	readVersionTime,
	type ImportSummary
} from './plan-rows.ts';
import { checkInstant, writeInTransaction } from './write.ts';

export { canonicalJson } from '../domain/plan-changes.ts';
export type { ImportSummary } from './plan-rows.ts';

/** An item with its history, including items no longer in the plan. */
export type ItemMeta = {
	id: string;
	/** Starts at 1; +1 on every content change, removal or return. */
	revision: number;
	/** ISO instant of the last content change, removal or return. */
	updatedAt: string;
	/** ISO instant the item left the plan, `null` while it is in the plan. */
	deletedAt: string | null;
	/** The item as last seen in a plan. */
	item: Item;
};

/** A plan file that failed to parse or validate; `issues` are "path: message" lines. */
export class PlanValidationError extends Error {
	readonly issues: string[];

	constructor(issues: string[]) {
		super(`Invalid plan file:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
		this.name = 'PlanValidationError';
		this.issues = issues;
	}
}

/**
 * Runs several reads on one snapshot, so a plan replaced by another process (the CLI) between two
 * of them cannot mix old and new rows. A plain deferred `BEGIN` on the single connection: in WAL
 * mode it takes no lock a writer waits for (unlike `db.transaction()`, which begins IMMEDIATE).
 */
async function inReadSnapshot<T>(
	db: Kysely<Database>,
	read: (db: Kysely<Database>) => Promise<T>
): Promise<T> {
	if (db.isTransaction) return read(db);
	return db.connection().execute(async (conn) => {
		await sql`begin`.execute(conn);
		try {
			const result = await read(conn);
			await sql`commit`.execute(conn);
			return result;
		} catch (e) {
			await sql`rollback`.execute(conn);
			throw e;
		}
	});
}

/** True once a plan has been imported (even if it was later emptied). */
export async function hasPlan(db: Kysely<Database>): Promise<boolean> {
	const row = await db
		.selectFrom('plan_meta')
		.select('key')
		.where('key', '=', 'header')
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * The current plan, items in file order without removed ones; `null` when no plan was ever
 * imported. Gives back exactly what was imported.
 */
export async function loadPlan(db: Kysely<Database>): Promise<PlanFile | null> {
	return inReadSnapshot(db, loadPlanRows);
}

/** The plan and its version, read on one snapshot; null when no plan was ever written. */
export async function loadPlanAndVersion(db: Kysely<Database>): Promise<{
	plan: PlanFile;
	version: number;
	versionAt: string | null;
	versionShared: boolean;
} | null> {
	return inReadSnapshot(db, async (db) => {
		const version = await readPlanVersion(db);
		const versionAt = await readVersionTime(db);
		const versionShared = await readVersionShared(db);
		const plan = await loadPlanRows(db);
		return plan ? { plan, version, versionAt, versionShared } : null;
	});
}

/** Every item ever imported, removed ones included, in file order. */
export async function loadItemMeta(db: Kysely<Database>): Promise<ItemMeta[]> {
	const rows = await db
		.selectFrom('items')
		.select(['id', 'revision', 'updated_at', 'deleted_at', 'data'])
		.orderBy('position')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		revision: r.revision,
		updatedAt: r.updated_at,
		deletedAt: r.deleted_at,
		item: JSON.parse(r.data) as Item
	}));
}

/**
 * The plan version: bumped by every write that changed anything (0 before the first import), for
 * caches and ETags. Re-importing an identical plan keeps it.
 */
export async function planRevision(db: Kysely<Database>): Promise<number> {
	return readPlanVersion(db);
}

/**
 * Replaces the whole plan inside the caller's transaction (seeding checks and imports in the same
 * transaction), through the one write path: only what differs is written, and recorded.
 */
export async function replacePlanInTransaction(
	trx: Transaction<Database>,
	plan: PlanFile,
	now: string,
	actor: Actor = { kind: 'system', task: 'import' },
	action = 'import'
): Promise<ImportSummary> {
	return (await writeInTransaction(trx, actor, { replace: plan }, { now, action })).summary;
}

/**
 * Replaces the whole stored plan with `plan` in one transaction (all or nothing) and reports
 * what happened to each item. `plan` is trusted to be a parsed PlanFile; use `importPlanJson`
 * for text from outside. `now` is an ISO instant.
 */
export async function replacePlan(
	db: Kysely<Database>,
	plan: PlanFile,
	now: string
): Promise<ImportSummary> {
	checkInstant(now);
	return db.transaction().execute((trx) => replacePlanInTransaction(trx, plan, now));
}

/** Carries a dry run's summary out of the transaction it rolls back. */
class DryRun extends Error {
	readonly summary: ImportSummary;
	constructor(summary: ImportSummary) {
		super('dry run');
		this.summary = summary;
	}
}

/**
 * What replacing the plan with `plan` would do, computed by the very same code inside a
 * transaction that is then rolled back: nothing is written.
 */
export async function previewReplacePlan(
	db: Kysely<Database>,
	plan: PlanFile,
	now: string
): Promise<ImportSummary> {
	try {
		await db.transaction().execute(async (trx) => {
			throw new DryRun(await replacePlanInTransaction(trx, plan, now));
		});
	} catch (e) {
		if (e instanceof DryRun) return e.summary;
		throw e;
	}
	throw new Error('unreachable: the dry run always rolls back');
}

/** Parses and validates PlanFile JSON text; throws PlanValidationError naming every problem. */
export function parsePlanJson(text: string): PlanFile {
	// Editors on Windows like to start UTF-8 files with a byte-order mark; JSON.parse does not.
	const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
	let json: unknown;
	try {
		json = JSON.parse(source);
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		const offset = jsonErrorOffset(source);
		if (offset < 0) throw new PlanValidationError([`(json): not valid JSON: ${message}`]);
		const before = source.slice(0, offset).split('\n');
		const line = before.length;
		const column = (before.at(-1)?.length ?? 0) + 1;
		throw new PlanValidationError([
			`(json): not valid JSON at line ${line}, column ${column} (position ${offset}): ${message}`
		]);
	}
	const result = PlanFile.safeParse(json);
	if (!result.success) throw new PlanValidationError(describeIssues(result.error));
	return result.data;
}

/**
 * Imports PlanFile JSON text: validates it completely first (PlanValidationError, database
 * untouched), then replaces the stored plan in one transaction.
 */
export async function importPlanJson(
	db: Kysely<Database>,
	text: string,
	now: string
): Promise<ImportSummary> {
	checkInstant(now);
	return replacePlan(db, parsePlanJson(text), now);
}
