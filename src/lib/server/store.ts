/**
 * The running app's access to its plan: one database per process, opened, migrated and seeded on
 * first use, and the current plan kept in memory until the database changes.
 *
 * Changes are seen through `PRAGMA data_version` on a second, read-only connection: that counter
 * moves whenever any *other* connection commits, which covers both our own writes (made through
 * Kysely's connection) and other processes such as `npm run plan -- import`. It is a synchronous
 * call of a few microseconds, so every request can afford it.
 */
import type { Kysely } from 'kysely';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { indexPlan, type PlanIndex } from '#lib/domain/plan-index.ts';
import { PlanFile } from '#lib/domain/schema.ts';
import seedJson from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { readConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db.ts';
import { importPlanJson, loadPlan, type ImportSummary } from './plan-repository.ts';
import { ensureSeeded } from './seed.ts';

export type PlanSnapshot = {
	plan: PlanFile;
	index: PlanIndex;
	/** The plan as served by GET /api/plan, and its strong ETag. */
	json: string;
	etag: string;
};

type Store = {
	config: Config;
	db: Kysely<Database>;
	version: StatementSync;
	snapshot: PlanSnapshot | null;
	snapshotVersion: number;
};

let store: Promise<Store> | null = null;

async function open(): Promise<Store> {
	const config = readConfig();
	const db = openDatabase(config.databasePath);
	await ensureSeeded(db, () => PlanFile.parse(seedJson), new Date().toISOString());
	const watcher = new DatabaseSync(config.databasePath, { readOnly: true });
	const version = watcher.prepare('PRAGMA data_version');
	return { config, db, version, snapshot: null, snapshotVersion: -1 };
}

/** Opens the database once per process (at start-up from hooks, or on first request). */
export function getStore(): Promise<Store> {
	store ??= open().catch((e: unknown) => {
		store = null;
		throw e;
	});
	return store;
}

async function etagOf(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return `"${Buffer.from(digest).toString('base64url').slice(0, 27)}"`;
}

/** The current plan, its index and serialized form; recomputed only when the plan changed. */
export async function currentPlan(): Promise<PlanSnapshot> {
	const s = await getStore();
	const version = Number(s.version.get()?.data_version ?? 0);
	if (s.snapshot && version === s.snapshotVersion) return s.snapshot;
	// Read the version before the plan: a commit in between makes the next call reload again.
	const plan = (await loadPlan(s.db)) ?? PlanFile.parse(seedJson);
	const json = JSON.stringify(plan);
	s.snapshot = { plan, index: indexPlan(plan), json, etag: await etagOf(json) };
	s.snapshotVersion = version;
	return s.snapshot;
}

/** Replaces the whole plan from PlanFile JSON text; throws PlanValidationError on a bad file. */
export async function replacePlanFromJson(text: string, now: Date): Promise<ImportSummary> {
	const s = await getStore();
	return importPlanJson(s.db, text, now.toISOString());
}
