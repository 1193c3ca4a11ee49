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
import { redactPrivate } from '#lib/domain/privacy.ts';
import { PlanFile } from '#lib/domain/schema.ts';
import seedJson from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { ensureOrganizer } from './accounts.ts';
import { readConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db.ts';
import {
	addBusyPeriods,
	applyEdit,
	recordHistory,
	type EditRequest,
	type EditResult
} from './edit-repository.ts';
import {
	loadPlan,
	parsePlanJson,
	planRevision,
	replacePlanInTransaction,
	type ImportSummary
} from './plan-repository.ts';
import { ensureSeeded } from './seed.ts';

export type PlanSnapshot = {
	/** The plan as anyone may see it: private busy reasons blanked (see redactPrivate). */
	plan: PlanFile;
	index: PlanIndex;
	/** The public plan as served by GET /api/plan, and its strong ETag. */
	json: string;
	etag: string;
	/** Everything, private reasons included: for organizers and each member's own view only. */
	full: PlanFile;
	fullIndex: PlanIndex;
	fullJson: string;
	fullEtag: string;
};

type Store = {
	config: Config;
	db: Kysely<Database>;
	version: StatementSync;
	snapshot: PlanSnapshot | null;
	snapshotVersion: number;
	/** The stored plan's revision (plan_meta) when the snapshot was read. */
	snapshotRevision: number;
};

let store: Promise<Store> | null = null;
/** The same store once open, for the synchronous fast path (see snapshotIfCurrent). */
let opened: Store | null = null;

async function open(): Promise<Store> {
	const config = readConfig();
	const db = openDatabase(config.databasePath);
	await ensureSeeded(db, () => PlanFile.parse(seedJson), new Date().toISOString());
	const setup = await ensureOrganizer(db, config.organizerPassword, new Date().toISOString());
	if (setup !== null) {
		const host =
			process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
		const origin = config.publicUrl ?? `http://${host}:${process.env.PORT ?? '3000'}`;
		// The one way in when no ORGANIZER_PASSWORD is set: whoever reads the server log.
		console.log(`Organizer setup link (valid 24 hours, once): ${origin}/login/setup/${setup}`);
	}
	const watcher = new DatabaseSync(config.databasePath, { readOnly: true });
	const version = watcher.prepare('PRAGMA data_version');
	return { config, db, version, snapshot: null, snapshotVersion: -1, snapshotRevision: -1 };
}

/** Opens the database once per process (at start-up from hooks, or on first request). */
export function getStore(): Promise<Store> {
	store ??= open().then(
		(s) => (opened = s),
		(e: unknown) => {
			store = null;
			throw e;
		}
	);
	return store;
}

async function etagOf(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return `"${Buffer.from(digest).toString('base64url').slice(0, 27)}"`;
}

/**
 * The snapshot, if the database has not changed since it was taken; null when it must be reloaded
 * (or the store is not open yet). Synchronous, for the front cache in front of SvelteKit.
 */
export function snapshotIfCurrent(): PlanSnapshot | null {
	if (!opened?.snapshot) return null;
	const version = Number(opened.version.get()?.data_version ?? 0);
	return version === opened.snapshotVersion ? opened.snapshot : null;
}

/** The current plan, its index and serialized form; recomputed only when the plan changed. */
export async function currentPlan(): Promise<PlanSnapshot> {
	const s = await getStore();
	const version = Number(s.version.get()?.data_version ?? 0);
	if (s.snapshot && version === s.snapshotVersion) return s.snapshot;
	// Something committed, but not necessarily to the plan: the delivery ledger writes about once
	// a second and must not make every feed and page rebuild. The plan's revision says whether
	// the plan itself changed (one indexed read).
	const revision = await planRevision(s.db);
	if (s.snapshot && revision === s.snapshotRevision) {
		s.snapshotVersion = version;
		return s.snapshot;
	}
	// Read the version and revision before the plan: a commit in between makes the next call
	// reload again.
	const full = (await loadPlan(s.db)) ?? PlanFile.parse(seedJson);
	const plan = redactPrivate(full);
	const json = JSON.stringify(plan);
	const fullJson = plan === full ? json : JSON.stringify(full);
	const index = indexPlan(plan);
	s.snapshot = {
		plan,
		index,
		json,
		etag: await etagOf(json),
		full,
		fullIndex: plan === full ? index : indexPlan(full),
		fullJson,
		fullEtag: await etagOf(fullJson)
	};
	s.snapshotVersion = version;
	s.snapshotRevision = revision;
	return s.snapshot;
}

/**
 * Replaces the whole plan from PlanFile JSON text, recorded in the history as one import by
 * `actor`; throws PlanValidationError on a bad file (nothing written).
 */
export async function replacePlanFromJson(
	text: string,
	now: Date,
	actor = 'api'
): Promise<ImportSummary> {
	return replacePlanWith(parsePlanJson(text), now, actor);
}

/** Replaces the whole plan with a parsed PlanFile, recorded in the history as one import. */
export async function replacePlanWith(
	plan: PlanFile,
	now: Date,
	actor: string
): Promise<ImportSummary> {
	const s = await getStore();
	const at = now.toISOString();
	return s.db.transaction().execute(async (trx) => {
		const summary = await replacePlanInTransaction(trx, plan, at);
		const touched = [...summary.added, ...summary.changed, ...summary.removed];
		if (touched.length) {
			await recordHistory(trx, {
				at,
				actor,
				entity: 'plan',
				entityId: 'plan',
				action: 'import',
				refs: touched,
				before: null,
				after: summary
			});
		}
		return summary;
	});
}

/** One edit through the edit repository (see applyEdit), by `actor`, now. */
export async function editPlan(req: EditRequest, actor: string): Promise<EditResult> {
	const s = await getStore();
	return applyEdit(s.db, req, actor, new Date().toISOString());
}

/** Many busy periods of one person at once (an .ics import); all or nothing. */
export async function importBusy(
	person: string,
	periods: Parameters<typeof addBusyPeriods>[2],
	actor: string
): Promise<number> {
	const s = await getStore();
	return addBusyPeriods(s.db, person, periods, actor, new Date().toISOString());
}
