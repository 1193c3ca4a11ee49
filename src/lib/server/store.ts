/**
 * The running app's access to its plan: one database per process, opened, migrated and seeded on
 * first use, and the current plan kept in memory until the database changes (our own writes, or
 * another process such as `npm run plan -- import`, seen through `PRAGMA data_version`).
 */
import { sql, type Kysely } from 'kysely';
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
	snapshot: PlanSnapshot | null;
	dataVersion: number;
	ownWrites: number;
	snapshotWrites: number;
};

let store: Promise<Store> | null = null;

async function open(): Promise<Store> {
	const config = readConfig();
	const db = openDatabase(config.databasePath);
	await ensureSeeded(db, () => PlanFile.parse(seedJson), new Date().toISOString());
	return { config, db, snapshot: null, dataVersion: -1, ownWrites: 0, snapshotWrites: -1 };
}

/** Opens the database once per process (at start-up from hooks, or on first request). */
export function getStore(): Promise<Store> {
	store ??= open().catch((e: unknown) => {
		store = null;
		throw e;
	});
	return store;
}

async function dataVersion(db: Kysely<Database>): Promise<number> {
	const { rows } = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
	return Number(rows[0]?.data_version ?? 0);
}

async function etagOf(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return `"${Buffer.from(digest).toString('base64url').slice(0, 27)}"`;
}

/** The current plan, its index and serialized form; recomputed only when the plan changed. */
export async function currentPlan(): Promise<PlanSnapshot> {
	const s = await getStore();
	const version = await dataVersion(s.db);
	if (s.snapshot && version === s.dataVersion && s.ownWrites === s.snapshotWrites) {
		return s.snapshot;
	}
	const writes = s.ownWrites;
	const plan = (await loadPlan(s.db)) ?? PlanFile.parse(seedJson);
	const json = JSON.stringify(plan);
	s.snapshot = { plan, index: indexPlan(plan), json, etag: await etagOf(json) };
	s.dataVersion = version;
	s.snapshotWrites = writes;
	return s.snapshot;
}

/** Replaces the whole plan from PlanFile JSON text; throws PlanValidationError on a bad file. */
export async function replacePlanFromJson(text: string, now: Date): Promise<ImportSummary> {
	const s = await getStore();
	try {
		return await importPlanJson(s.db, text, now.toISOString());
	} finally {
		s.ownWrites++;
	}
}
