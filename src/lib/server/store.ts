/**
 * The running app's access to its plan: one database per process, opened, migrated and seeded on
 * first use, and the current plan kept in memory, keyed by the plan version that every write
 * bumps (never by content: an undo must not bring back an older cached answer).
 *
 * Writes go through `write.ts` and hand their resulting plan back here, so the next read needs no
 * reload. Writes by other processes (`npm run plan -- import`) are seen through
 * `PRAGMA data_version` on a second, read-only connection: that counter moves whenever any
 * *other* connection commits; the plan version stored in the database then tells whether our copy
 * is still current. Both are synchronous calls of a few microseconds, so every request can afford
 * them.
 */
import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Actor } from '#lib/domain/actor.ts';
import type { Change } from '#lib/domain/plan-changes.ts';
import { indexPlan, type PlanIndex } from '#lib/domain/plan-index.ts';
import { redactPrivate, type OpaqueId } from '#lib/domain/privacy.ts';
import { PlanFile } from '#lib/domain/schema.ts';
import seedJson from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { ensureOrganizer, opaqueIds, serverSecret } from './accounts.ts';
import { readConfig, type Config } from './config.ts';
import { openDatabase, openReader, type Database } from './db.ts';
import {
	busyPeriodChanges,
	toActor,
	type BusyPeriodInput,
	type EditRequest,
	type EditResult
} from './edit-repository.ts';
import { loadPlanAndVersion, parsePlanJson } from './plan-repository.ts';
import { warm } from './derived.ts';
import { ensureSeeded } from './seed.ts';
import {
	StorageError,
	writePlan,
	type ImportSummary,
	type WriteOptions,
	type WriteOutcome,
	type WriteRequest
} from './write.ts';

export type PlanSnapshot = {
	/** The plan version this snapshot shows; every write bumps it. */
	version: number;
	/** When that version was written (ISO); null for a database from an older release. */
	versionAt: string | null;
	/** Written in the same second as the version before it: no Last-Modified can tell them apart. */
	versionShared: boolean;
	/** The plan as anyone may see it: private busy reasons blanked (see redactPrivate). */
	plan: PlanFile;
	index: PlanIndex;
	/** The public plan as served by GET /api/plan, and its strong ETag. */
	readonly json: string;
	etag: string;
	/** Everything, private reasons included: for organizers and each member's own view only. */
	full: PlanFile;
	fullIndex: PlanIndex;
	readonly fullJson: string;
	fullEtag: string;
};

type Store = {
	config: Config;
	/** Private commitments' ids as the public plan shows them (keyed by a database secret). */
	opaqueId: OpaqueId;
	db: Kysely<Database>;
	/** Read-only, for reads that must not queue behind a write (see db.ts openReader). */
	reader: Kysely<Database>;
	dataVersion: StatementSync;
	/** The plan version as stored, read synchronously on the watcher connection. */
	readVersion: () => number;
	snapshot: PlanSnapshot | null;
	/** The data_version at which `snapshot` was last known current. */
	snapshotDataVersion: number;
	/** The newest plan this process wrote, before anyone has read it. */
	written: {
		version: number;
		versionAt: string | null;
		versionShared: boolean;
		plan: PlanFile;
	} | null;
	/**
	 * This process's write in progress, until its version is published (see publish). Meanwhile
	 * readers are answered from the version last published, without looking at the database: the
	 * write's transaction holds the one connection, and a reader that looked between its commit
	 * and the publication would see a version not yet prepared and build it all at once. A write
	 * of thousands of busy periods takes a while; the plan as it was until then is what everyone
	 * else should see.
	 */
	inflight: Promise<unknown> | null;
	/** The version of `written` being prepared before readers see it (see publish), if any. */
	preparing: number | null;
};

let store: Promise<Store> | null = null;
/** The same store once open, for the synchronous fast path (see versionKeyIfCurrent). */
let opened: Store | null = null;

async function open(): Promise<Store> {
	const config = readConfig();
	const db = openDatabase(config.databasePath);
	await ensureSeeded(
		db,
		() => PlanFile.parse(seedJson),
		new Date().toISOString(),
		config.databasePath
	);
	const setup = await ensureOrganizer(db, config.organizerPassword, new Date().toISOString());
	if (setup !== null) {
		const host =
			process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
		const origin = config.publicUrl ?? `http://${host}:${process.env.PORT ?? '3000'}`;
		// The one way in when no ORGANIZER_PASSWORD is set: whoever reads the server log.
		console.log(`Organizer setup link (valid 24 hours, once): ${origin}/login/setup/${setup}`);
	}
	const opaqueId = opaqueIds(await serverSecret(db, 'private-commitment-ids'));
	const watcher = new DatabaseSync(config.databasePath, { readOnly: true });
	// The same query the repository runs, compiled by Kysely, run synchronously on the watcher.
	const versionQuery = db
		.selectFrom('plan_meta')
		.select('value')
		.where('key', '=', 'revision')
		.compile();
	const planVersion = watcher.prepare(versionQuery.sql);
	const bound = versionQuery.parameters as string[];
	return {
		config,
		opaqueId,
		db,
		reader: openReader(config.databasePath),
		dataVersion: watcher.prepare('PRAGMA data_version'),
		readVersion: () =>
			Number((planVersion.get(...bound) as { value?: string } | undefined)?.value ?? 0),
		snapshot: null,
		snapshotDataVersion: -1,
		written: null,
		inflight: null,
		preparing: null
	};
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

function snapshotOf(
	opaqueId: OpaqueId,
	version: number,
	versionAt: string | null,
	versionShared: boolean,
	full: PlanFile
): PlanSnapshot {
	const plan = redactPrivate(full, opaqueId);
	const index = indexPlan(plan);
	return snapshotFrom({ version, versionAt, versionShared, full, plan, index });
}

/** A snapshot from its parts; the full plan's index is built here unless given. */
function snapshotFrom(parts: {
	version: number;
	versionAt: string | null;
	versionShared: boolean;
	full: PlanFile;
	plan: PlanFile;
	index: PlanIndex;
	fullIndex?: PlanIndex;
}): PlanSnapshot {
	const { version, versionAt, versionShared, full, plan, index } = parts;
	let json: string | null = null;
	let fullJson: string | null = null;
	return {
		version,
		versionAt,
		versionShared,
		plan,
		index,
		// Serialised only when someone asks for the plan file: at 5,000 items that is ~100 ms.
		get json() {
			return (json ??= JSON.stringify(plan));
		},
		etag: `"plan-${version}"`,
		full,
		fullIndex: parts.fullIndex ?? (plan === full ? index : indexPlan(full)),
		get fullJson() {
			return (fullJson ??= plan === full ? this.json : JSON.stringify(full));
		},
		fullEtag: plan === full ? `"plan-${version}"` : `"plan-${version}-full"`
	};
}

/**
 * Writes of at least this many changes (a calendar import) are prepared before readers see them
 * (see publish). A smaller write's version is built by its first reader, which needs only what it
 * reads: at the bench plan's size (50,000 busy periods) preparing after every edit would make
 * each edit ~70 ms slower and hold up the readers meanwhile. A whole-plan import is not prepared
 * either: its clashes are one computation that cannot be cut into steps.
 */
const PREPARED_FROM = 100;

/** A turn of the event loop, so that requests waiting meanwhile are answered. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Makes a version this process wrote the one readers see, once what the first reads of it need
 * is built: its snapshot (redaction, both indexes) and what derived.ts warms (the clashes every
 * page counts). Built a step at a time, a turn of the event loop between steps, while readers
 * keep the version before (see heldDuringWrite): after an import of 5,000 busy periods these
 * steps take ~100 ms of CPU in all, which the first reader of the new version used to wait for at
 * once. The writer's own request answers after this, so whoever wrote reads what they wrote.
 */
async function publish(s: Store, w: NonNullable<Store['written']>, writer: Actor): Promise<void> {
	s.preparing = w.version;
	try {
		await prepare(s, w, writer);
	} finally {
		if (s.preparing === w.version) s.preparing = null;
	}
}

async function prepare(s: Store, w: NonNullable<Store['written']>, writer: Actor): Promise<void> {
	await nextTurn();
	const plan = redactPrivate(w.plan, s.opaqueId);
	await nextTurn();
	const index = indexPlan(plan);
	await nextTurn();
	const fullIndex = plan === w.plan ? index : indexPlan(w.plan);
	const snapshot = snapshotFrom({ ...w, full: w.plan, plan, index, fullIndex });
	await warm(snapshot, writer, nextTurn);
	if (!s.snapshot || snapshot.version > s.snapshot.version) {
		s.snapshot = snapshot;
		// Not known current against the database: the next read checks its version (see currentIfKnown).
		s.snapshotDataVersion = -1;
	}
	if (s.written?.version === w.version) s.written = null;
	// The writer's request goes on (its page is rendered next) in a turn of its own.
	await nextTurn();
}

/**
 * The snapshot if it is still the plan's current version, building it from this process's own
 * last write when that is current; null when the database must be read (another process wrote).
 * Synchronous, for the front cache in front of SvelteKit.
 */
function currentIfKnown(s: Store): PlanSnapshot | null {
	const dataVersion = Number(s.dataVersion.get()?.data_version ?? 0);
	if (s.snapshot && dataVersion === s.snapshotDataVersion) return s.snapshot;
	const version = s.readVersion();
	if (s.snapshot?.version === version) {
		s.snapshotDataVersion = dataVersion;
		return s.snapshot;
	}
	if (s.written?.version === version) {
		s.snapshot = snapshotOf(
			s.opaqueId,
			version,
			s.written.versionAt,
			s.written.versionShared,
			s.written.plan
		);
		s.snapshotDataVersion = dataVersion;
		s.written = null;
		return s.snapshot;
	}
	return null;
}

/**
 * What the front cache's key needs — the current version's ETag and the plan's zone — without
 * building a snapshot: a request that misses the cache must not pay for indexing the plan.
 * Null when the current version is not one this process holds (another process wrote).
 */
export function versionKeyIfCurrent(): { etag: string; zone: string } | null {
	const s = opened;
	if (!s) return null;
	if (s.inflight) {
		// The plan readers are answered from (see heldDuringWrite), named without building it.
		const held = readable(s) === 'written' ? s.written : s.snapshot;
		return held ? { etag: `"plan-${held.version}"`, zone: held.plan.zone } : null;
	}
	const dataVersion = Number(s.dataVersion.get()?.data_version ?? 0);
	if (s.snapshot && dataVersion === s.snapshotDataVersion) {
		return { etag: s.snapshot.etag, zone: s.snapshot.plan.zone };
	}
	const version = s.readVersion();
	const held =
		s.written?.version === version
			? s.written.plan
			: s.snapshot?.version === version
				? s.snapshot.plan
				: null;
	return held ? { etag: `"plan-${version}"`, zone: held.zone } : null;
}

/**
 * Which of the plans this process holds readers get while it writes: its newest write, unless
 * that is still being prepared (see publish), else the snapshot readers had.
 */
function readable(s: Store): 'written' | 'snapshot' | null {
	const w = s.written;
	if (w && (!s.snapshot || (w.version > s.snapshot.version && w.version !== s.preparing)))
		return 'written';
	return s.snapshot ? 'snapshot' : null;
}

/**
 * What readers see while this process writes: the newest plan it holds that they may see (see
 * readable), without reading the database. Null when it holds none yet.
 */
function heldDuringWrite(s: Store): PlanSnapshot | null {
	if (readable(s) === 'written' && s.written) {
		const { version, versionAt, versionShared, plan } = s.written;
		s.snapshot = snapshotOf(s.opaqueId, version, versionAt, versionShared, plan);
		// Not known current against the database: the next read after the write checks again.
		s.snapshotDataVersion = -1;
		s.written = null;
	}
	return s.snapshot;
}

/** Waits for this process's write in progress, if any (see Store.inflight). */
async function settled(s: Store): Promise<void> {
	while (s.inflight) {
		const pending = s.inflight;
		await pending.catch(() => undefined);
		if (s.inflight === pending) break;
	}
}

/**
 * The whole current plan (private details included) without its derived snapshot: what a write
 * path needs right after another write, at the cost of one version read instead of an index.
 */
export async function currentFullPlan(): Promise<PlanFile> {
	const s = await getStore();
	await settled(s);
	if (s.written && s.written.version === s.readVersion()) return s.written.plan;
	return (await currentPlan()).full;
}

/** The current plan, its index and serialized form; recomputed only when the plan changed. */
export async function currentPlan(): Promise<PlanSnapshot> {
	const s = await getStore();
	if (s.inflight) {
		const held = heldDuringWrite(s);
		if (held) return held;
	}
	await settled(s);
	const known = currentIfKnown(s);
	if (known) return known;
	// Read the data version before the plan: a commit in between makes the next call look again.
	const dataVersion = Number(s.dataVersion.get()?.data_version ?? 0);
	const loaded = await loadPlanAndVersion(s.db);
	const full = loaded?.plan ?? PlanFile.parse(seedJson);
	s.snapshot = snapshotOf(
		s.opaqueId,
		loaded?.version ?? 0,
		loaded?.versionAt ?? null,
		loaded?.versionShared ?? false,
		full
	);
	s.snapshotDataVersion = dataVersion;
	return s.snapshot;
}

/**
 * The one write, for the app: runs `request` by `actor` through write.ts with this process's
 * current plan as its base, keeps the result for the next read, and turns storage failures into a
 * 503 that says nothing was saved.
 */
export async function write(
	actor: Actor | string,
	request: WriteRequest,
	options: {
		expectedVersion?: number;
		now?: Date;
		action?: string;
		history?: WriteOptions['history'];
	} = {}
): Promise<WriteOutcome> {
	const s = await getStore();
	// The newest plan this process knows, without building a snapshot (index, redaction) that the
	// write does not need; the write checks its version against the database's.
	const base =
		s.written ?? (s.snapshot ? { version: s.snapshot.version, plan: s.snapshot.full } : null);
	const writer = toActor(actor);
	const pending = writePlan(s.db, writer, request, {
		now: (options.now ?? new Date()).toISOString(),
		base,
		expectedVersion: options.expectedVersion,
		action: options.action,
		history: options.history,
		busyLimits: { perPerson: s.config.busyLimitPerPerson, perPlan: s.config.busyLimitPerPlan }
	});
	const published = pending.then(async (out) => {
		if (out.changed) {
			const { version, versionAt, versionShared, plan } = out;
			// The next write's base at once; readers get it once published.
			s.written = { version, versionAt, versionShared, plan };
			// The write is committed whatever happens here: a failure only leaves the version to
			// be built by its first reader, as a small write's is.
			if ('changes' in request && request.changes.length >= PREPARED_FROM)
				await publish(s, s.written, writer).catch((e: unknown) => console.error(e));
		}
		return out;
	});
	s.inflight = published;
	try {
		return await published;
	} catch (e) {
		if (e instanceof StorageError) {
			console.error(e.cause);
			error(503, e.message);
		}
		throw e;
	} finally {
		if (s.inflight === published) s.inflight = null;
	}
}

/** Replaces the whole plan from PlanFile JSON text; throws PlanValidationError on a bad file. */
export async function replacePlanFromJson(
	text: string,
	now: Date,
	actor: Actor | string = { kind: 'admin-token' },
	expectedVersion?: number
): Promise<ImportSummary> {
	return replacePlanWith(parsePlanJson(text), now, actor, expectedVersion);
}

/** Replaces the whole plan with a parsed PlanFile, recorded in the history as one import. */
export async function replacePlanWith(
	plan: PlanFile,
	now: Date,
	actor: Actor | string,
	expectedVersion?: number
): Promise<ImportSummary> {
	return (await write(actor, { replace: plan }, { now, expectedVersion })).summary;
}

/** One edit by `actor`, now. */
export async function editPlan(req: EditRequest, actor: Actor | string): Promise<EditResult> {
	const out = await write(actor, { changes: [req] });
	const r = out.results[0];
	return {
		version: r?.version ?? null,
		changed: out.changed,
		summary: out.changed ? out.summary : null
	};
}

/** Several edits by `actor` as one change: all or nothing, one plan version. */
export async function editPlanMany(
	reqs: readonly Change[],
	actor: Actor | string,
	options: { expectedVersion?: number; history?: WriteOptions['history'] } = {}
): Promise<WriteOutcome> {
	return write(actor, { changes: reqs }, options);
}

/** Many busy periods of one person at once (an .ics import); all or nothing. */
export async function importBusy(
	person: string,
	periods: BusyPeriodInput[],
	actor: Actor | string
): Promise<number> {
	await write(actor, { changes: busyPeriodChanges(person, periods) });
	return periods.length;
}
