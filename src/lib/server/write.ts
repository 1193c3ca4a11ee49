/**
 * The one write path. Every change — organizer form, member page, finder decision, .ics import,
 * item API, `POST /api/plan`, `npm run plan -- import` — comes here with a typed actor:
 *
 * 1. one `BEGIN IMMEDIATE` transaction (the dialect begins them so), so writers queue and nothing
 *    reads the plan outside the transaction it writes in;
 * 2. the plan version is read; a caller that based its input on an earlier read sends the version
 *    (or an entity's version) it saw, and a different one is a conflict — refused, never merged;
 * 3. the plan itself comes from the caller's snapshot when its version is still current (no reload),
 *    else from the database; the changes are applied by pure domain functions
 *    (`domain/plan-changes.ts`), which validate the changed entities and what they refer to;
 * 4. only the rows that changed are written; an item whose content or assignments changed gets a
 *    new revision (the feeds' SEQUENCE); items that leave are kept soft-deleted (CANCELLED);
 * 5. history is recorded with the actor, and the plan version bumped, in the same transaction.
 */
import { DateTime } from 'luxon';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../domain/actor.ts';
import {
	applyToDraft,
	canonicalJson,
	diffOfApplied,
	diffPlans,
	EditForbidden,
	EditInvalid,
	ENTITY_LISTS,
	PlanDraft,
	sameEntity,
	type Applied,
	type Change,
	type Entity,
	type EntityKind,
	type PlanDiff
} from '../domain/plan-changes.ts';
import type { PlanFile } from '../domain/schema.ts';
import type { Database } from './db.ts';
import { sha256 } from './hash.ts';
import {
	importBefore,
	lastChangeTouching,
	recordHistory,
	refsOf,
	type HistoryEntry
} from './history-repository.ts';
import {
	bumpVersion,
	finder,
	loadPlanRows,
	readPlanVersion,
	readVersionShared,
	readVersionTime,
	writeRows,
	type ImportSummary
} from './plan-rows.ts';

// A write's outcome names what it did in these terms.
export type { ImportSummary } from './plan-rows.ts';

/** The entity changed since the editor read it; nothing was written. */
export class EditConflict extends Error {
	/** The entity as it is now (`null` when it was deleted meanwhile). */
	readonly current: Entity | null;
	readonly version: string | null;
	/** The change that got there first, when history has it. */
	readonly change: HistoryEntry | null;
	constructor(current: Entity | null, version: string | null, change: HistoryEntry | null) {
		super('This was changed since you opened it; your change was not saved.');
		this.name = 'EditConflict';
		this.current = current;
		this.version = version;
		this.change = change;
	}
}

/** The plan changed since the caller read it (a whole-plan write based on an older version). */
export class PlanConflict extends Error {
	readonly current: number;
	readonly expected: number;
	constructor(current: number, expected: number) {
		super(
			`The plan changed since you read it (version ${expected}, now ${current}); nothing was saved.`
		);
		this.name = 'PlanConflict';
		this.current = current;
		this.expected = expected;
	}
}

/** The storage refused the write (disk or quota full, read-only file); nothing was saved. */
export class StorageError extends Error {
	readonly full: boolean;
	constructor(full: boolean, cause: unknown) {
		super(
			full
				? 'The storage is full, nothing was saved.'
				: 'The storage refused the change: nothing was saved.',
			{
				cause
			}
		);
		this.name = 'StorageError';
		this.full = full;
	}
}

export type WriteRequest = { changes: readonly Change[] } | { replace: PlanFile };

export type WriteOptions = {
	/** ISO UTC instant of the write. */
	now: string;
	/** The plan version the caller's input was based on; another version is a PlanConflict. */
	expectedVersion?: number;
	/** The caller's snapshot of the plan; used instead of loading when its version is current. */
	base?: { version: number; plan: PlanFile } | null;
	/** History action for a whole-plan write ("import", "seed"); default "import". */
	action?: string;
	/**
	 * Most busy periods per member and in the whole plan: a batch of changes that adds busy
	 * periods beyond them is refused whole (EditInvalid). Unset: no limit (the command line).
	 */
	busyLimits?: { perPerson: number; perPlan: number };
	/**
	 * One history entry for the whole batch instead of one per change: a calendar import of
	 * thousands of busy periods is one event for the people reading the history.
	 */
	history?: {
		entity: EntityKind;
		entityId: string;
		action: string;
		refs: string[];
		after: unknown;
	};
};

export type WriteOutcome = {
	/** The plan version after the write (unchanged when nothing changed). */
	version: number;
	/** When that version was written (ISO instant; null for versions from older releases). */
	versionAt: string | null;
	/** The version shares its second with the one before it (no Last-Modified for it). */
	versionShared: boolean;
	changed: boolean;
	/** The whole plan after the write, private details included. */
	plan: PlanFile;
	summary: ImportSummary;
	/** Per requested change: the entity's version after it (`null` after a delete). */
	results: { entity: EntityKind; id: string; version: string | null; changed: boolean }[];
};

/**
 * The version an editor has to send back: an item's revision (what feeds publish as SEQUENCE), or
 * for other entities a short hash of their JSON.
 */
export async function versionOf(
	db: Kysely<Database>,
	entity: EntityKind,
	value: { id: string } | null
): Promise<string | null> {
	if (value === null) return null;
	if (entity === 'item') {
		const row = await db
			.selectFrom('items')
			.select('revision')
			.where('id', '=', value.id)
			.executeTakeFirst();
		return row ? String(row.revision) : null;
	}
	return sha256(canonicalJson(value)).slice(0, 16);
}

/**
 * Lets other requests run during a long write (thousands of busy periods): a turn of the event
 * loop after every ~20 ms of work. Readers meanwhile see the plan as it was (store.ts); writers
 * queue behind this transaction, which holds the connection.
 */
function pacer(sliceMs = 20): () => Promise<void> {
	let last = performance.now();
	return async () => {
		if (performance.now() - last < sliceMs) return;
		await new Promise((resolve) => setImmediate(resolve));
		last = performance.now();
	};
}

function isStorageFull(e: unknown): boolean {
	for (let c: unknown = e; c instanceof Error; c = c.cause) {
		const code = (c as { errcode?: number; code?: string }).errcode;
		if (code === 13 || /database or disk is full|SQLITE_FULL/i.test(c.message)) return true;
	}
	return false;
}

function isStorageRefusal(e: unknown): boolean {
	for (let c: unknown = e; c instanceof Error; c = c.cause) {
		if (/readonly database|disk I\/O error|unable to open database/i.test(c.message)) return true;
	}
	return false;
}

/**
 * Runs one write; see the module comment. Throws PlanConflict, EditConflict, EditInvalid,
 * EditNotFound, EditForbidden (nothing written), or StorageError.
 */
export async function writePlan(
	db: Kysely<Database>,
	actor: Actor,
	request: WriteRequest,
	options: WriteOptions
): Promise<WriteOutcome> {
	checkInstant(options.now);
	try {
		return await db
			.transaction()
			.execute((trx) => writeInTransaction(trx, actor, request, options));
	} catch (e) {
		if (isStorageFull(e)) throw new StorageError(true, e);
		if (isStorageRefusal(e)) throw new StorageError(false, e);
		throw e;
	}
}

type Results = WriteOutcome['results'];

/** The body of writePlan, for callers that already hold the write transaction (seeding). */
export async function writeInTransaction(
	trx: Transaction<Database>,
	actor: Actor,
	request: WriteRequest,
	options: WriteOptions
): Promise<WriteOutcome> {
	const { now } = options;
	const pace = pacer();
	const version = await readPlanVersion(trx);
	if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
		throw new PlanConflict(version, options.expectedVersion);
	}
	const current =
		options.base && options.base.version === version && version > 0
			? options.base.plan
			: await loadPlanRows(trx);
	const { next, diff, applied, results } =
		'replace' in request
			? replaced(current, request.replace)
			: await applyChanges(trx, actor, current, request.changes, options, pace);

	if (isEmpty(diff) && current !== null) {
		await fillVersions(trx, current, results, pace);
		return {
			version,
			versionAt: await readVersionTime(trx),
			versionShared: await readVersionShared(trx),
			changed: false,
			plan: current,
			summary: { added: [], changed: [], removed: [], unchanged: current.items.length },
			results
		};
	}
	const summary = await writeRows(trx, current, next, diff, now, pace);
	await recordWrite(trx, actor, request, options, { current, summary, applied });
	await bumpVersion(trx, version, now);
	await fillVersions(trx, next, results, pace);
	return {
		version: version + 1,
		versionAt: await readVersionTime(trx),
		versionShared: await readVersionShared(trx),
		changed: true,
		plan: next,
		summary,
		results
	};
}

type Outcome = { next: PlanFile; diff: PlanDiff; applied: Applied[]; results: Results };

/** A whole plan instead of the current one. */
function replaced(current: PlanFile | null, next: PlanFile): Outcome {
	checkUniqueIds(next);
	return { next, diff: diffPlans(current, next), applied: [], results: [] };
}

/**
 * Applies `changes` in order to a draft of the current plan, each checked against the version its
 * caller saw and what the actor may change; refused whole at the first that fails.
 */
async function applyChanges(
	trx: Transaction<Database>,
	actor: Actor,
	current: PlanFile | null,
	changes: readonly Change[],
	options: WriteOptions,
	pace: () => Promise<void>
): Promise<Outcome> {
	if (current === null) throw new Error('the database has no plan');
	const draft = new PlanDraft(current);
	const applied: Applied[] = [];
	const results: Results = [];
	for (const [at, change] of changes.entries()) {
		await pace();
		await checkExpected(trx, draft, change);
		let a: Applied;
		try {
			a = applyToDraft(draft, change);
		} catch (e) {
			if (e instanceof EditInvalid) e.at = at;
			throw e;
		}
		authorize(actor, a);
		const same = a.before !== null && a.after !== null && sameEntity(a.before, a.after);
		results.push({ entity: change.entity, id: change.id, version: null, changed: !same });
		if (!same) applied.push(a);
	}
	const next = applied.length ? draft.finish() : current;
	if (options.busyLimits) checkBusyLimits(next, applied, options.busyLimits);
	return { next, diff: diffOfApplied(applied), applied, results };
}

/**
 * Refuses a change based on another version of its entity than the current one (EditConflict,
 * naming the change that got there first), or one creating an item with a removed item's id.
 */
async function checkExpected(
	trx: Transaction<Database>,
	draft: PlanDraft,
	change: Change
): Promise<void> {
	if (change.expected !== undefined) {
		const before = draft.get(ENTITY_LISTS[change.entity], change.id);
		const seen = await versionOf(trx, change.entity, before);
		if (seen !== change.expected) {
			throw new EditConflict(before, seen, await lastChangeTouching(trx, change.entity, change.id));
		}
	}
	if (change.action === 'create' && change.entity === 'item') {
		const removed = await trx
			.selectFrom('items')
			.select('id')
			.where('id', '=', change.id)
			.executeTakeFirst();
		if (removed) throw new EditInvalid([{ field: 'id', message: 'was used by a removed item' }]);
	}
}

function isEmpty(diff: PlanDiff): boolean {
	return (
		!diff.header &&
		diff.reordered.size === 0 &&
		Object.values(ENTITY_LISTS).every(
			(l) => diff[l].changed.size === 0 && diff[l].removed.size === 0
		)
	);
}

/** Each result's entity version in `plan`: a hash each, ~50 ms at thousands, so paced too. */
async function fillVersions(
	trx: Transaction<Database>,
	plan: PlanFile,
	results: Results,
	pace: () => Promise<void>
): Promise<void> {
	const find = entityFinder(plan, results.length);
	for (const r of results) {
		r.version = await versionOf(trx, r.entity, find(r.entity, r.id));
		await pace();
	}
}

/**
 * The history of a write: one entry for a whole-plan import (nothing for the demo seed, where
 * history starts), one for the batch when the caller names it (a calendar import), else one per
 * change and per entity it removed along with it.
 */
async function recordWrite(
	trx: Transaction<Database>,
	actor: Actor,
	request: WriteRequest,
	options: WriteOptions,
	done: { current: PlanFile | null; summary: ImportSummary; applied: readonly Applied[] }
): Promise<void> {
	const at = options.now;
	if ('replace' in request) {
		if (options.action === 'seed') return;
		const { summary, current } = done;
		await recordHistory(trx, {
			at,
			actor,
			entity: 'plan',
			entityId: 'plan',
			action: options.action ?? 'import',
			refs: [...summary.added, ...summary.changed, ...summary.removed],
			before: importBefore(current, [...summary.changed, ...summary.removed]),
			after: summary
		});
		return;
	}
	if (options.history) {
		await recordHistory(trx, { at, actor, before: null, ...options.history });
		return;
	}
	for (const a of done.applied) {
		for (const c of a.cascaded) {
			await recordHistory(trx, {
				at,
				actor,
				entity: c.entity,
				entityId: c.value.id,
				action: 'delete',
				refs: refsOf(c.entity, c.value),
				before: c.value,
				after: null
			});
		}
		await recordHistory(trx, {
			at,
			actor,
			entity: a.change.entity,
			entityId: a.change.id,
			action: a.change.action,
			refs: [...refsOf(a.change.entity, a.before), ...refsOf(a.change.entity, a.after)],
			before: a.before,
			after: a.after
		});
	}
}

/**
 * What each kind of actor may change. Members change their own busy periods and their own profile
 * (zone, working hours), nothing else: an outside-event commitment about them is the organizers'.
 */
function authorize(actor: Actor, a: Applied): void {
	if (actor.kind !== 'member') return;
	const self = actor.person;
	const own = (e: Entity | null) =>
		e === null ||
		(a.change.entity === 'commitment' ? e.person === self && e.source === 'busy' : e.id === self);
	const allowed =
		(a.change.entity === 'commitment' ||
			(a.change.entity === 'person' && a.change.action === 'update')) &&
		own(a.before) &&
		own(a.after) &&
		a.cascaded.length === 0;
	if (!allowed) {
		throw new EditForbidden(
			a.change.entity === 'commitment'
				? 'You can change only your own busy times; outside events you must attend are set by the organizers.'
				: 'You can change only your own busy times and profile.'
		);
	}
}

const count = (n: number) => n.toLocaleString('en');

/**
 * Refuses a batch that leaves a member, or the plan, with more busy periods than the limits allow
 * (when it added any: a member over a lowered limit may still remove or edit theirs). One pass
 * over the commitments, only for writes that create busy periods.
 */
function checkBusyLimits(
	next: PlanFile,
	applied: readonly Applied[],
	limits: { perPerson: number; perPlan: number }
): void {
	const adders = new Set<string>();
	for (const a of applied) {
		if (a.change.entity === 'commitment' && a.before === null && a.after?.source === 'busy')
			adders.add(a.after.person as string);
	}
	if (adders.size === 0) return;
	let total = 0;
	const per = new Map<string, number>();
	for (const c of next.commitments) {
		if (c.source !== 'busy') continue;
		total++;
		if (adders.has(c.person)) per.set(c.person, (per.get(c.person) ?? 0) + 1);
	}
	for (const [person, n] of per) {
		if (n > limits.perPerson) {
			const name = next.people.find((p) => p.id === person)?.name ?? person;
			throw new EditInvalid([
				{
					field: 'form',
					message: `This would give ${name} ${count(n)} busy times; a member may have at most ${count(limits.perPerson)}. Nothing was saved.`
				}
			]);
		}
	}
	if (total > limits.perPlan) {
		throw new EditInvalid([
			{
				field: 'form',
				message: `This would give the plan ${count(total)} busy times; it may hold at most ${count(limits.perPlan)}. Nothing was saved.`
			}
		]);
	}
}

/** A whole plan from outside is parsed first; this guards the storage against a bypassed parse. */
function checkUniqueIds(plan: PlanFile): void {
	for (const list of Object.values(ENTITY_LISTS)) {
		const seen = new Set<string>();
		for (const e of plan[list] as unknown as Entity[]) {
			if (seen.has(e.id))
				throw new Error(`UNIQUE constraint failed: duplicate id "${e.id}" in ${list}`);
			seen.add(e.id);
		}
	}
}

/** Looks entities up by id: a scan for a few, an index per list for a batch (an import). */
function entityFinder(
	plan: PlanFile,
	count: number
): (entity: EntityKind, id: string) => Entity | null {
	const lists = new Map<EntityKind, (id: string) => [Entity, number] | null>();
	return (entity, id) => {
		let find = lists.get(entity);
		if (!find) {
			find = finder(plan[ENTITY_LISTS[entity]], count);
			lists.set(entity, find);
		}
		return find(id)?.[0] ?? null;
	};
}

/**
 * `now` must be a UTC instant (`Date#toISOString()` or `2024-03-01T16:00Z`): stored timestamps
 * are compared as strings, which only works when they all share one zone and form.
 */
export function checkInstant(now: string): void {
	const form = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
	if (!form.test(now) || !DateTime.fromISO(now, { zone: 'utc' }).isValid) {
		throw new RangeError(`"now" must be a UTC instant like 2024-03-01T16:00:00Z, got "${now}"`);
	}
}
