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
import type { Kysely, Selectable, Transaction } from 'kysely';
import { actorFromColumns, actorId, actorLabel, type Actor } from '../domain/actor.ts';
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
	type EntityList,
	type PlanDiff
} from '../domain/plan-changes.ts';
import type { Assignment, Item, PlanFile } from '../domain/schema.ts';
import { sha256 } from './hash.ts';
import type { Database, HistoryTable } from './db.ts';

/** What a write did, by item id (items are what subscribers see change). */
export type ImportSummary = {
	/** New items, and items that came back after being removed. */
	added: string[];
	/** Items whose content or assignments changed. */
	changed: string[];
	/** Items that left the plan (kept, soft-deleted). */
	removed: string[];
	unchanged: number;
};

export type HistoryEntry = {
	id: number;
	at: string;
	actor: Actor;
	/** How the history names the actor ("Ana (organizer)"). */
	by: string;
	entity: string;
	entityId: string;
	action: string;
	before: unknown;
	after: unknown;
};

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

const HEADER_KEY = 'header';
/** The plan version: bumped by every write that changed anything. */
const VERSION_KEY = 'revision';
/** ISO instant of the write that made the current version. */
const VERSION_AT_KEY = 'revision_at';
/** '1' when the current version was written in the same second as the one before it. */
const VERSION_SHARED_KEY = 'revision_at_shared';

function byId<T extends { id: string }>(a: T, b: T): number {
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An item's content for change detection: its JSON plus who is on it. */
export function contentHash(item: Item, assignments: readonly Assignment[]): string {
	return sha256(canonicalJson({ item, assignments: [...assignments].sort(byId) }));
}

type Header = Omit<PlanFile, EntityList>;

/** The PlanFile fields that are not lists of entities, in the order the schema lists them. */
export function headerOf(plan: PlanFile): Header {
	const { $schema, version, name, description, zone, source } = plan;
	return { $schema, version, name, description, zone, source };
}

/** One plan_meta value, or null when the key was never written. */
async function readMeta(db: Kysely<Database>, key: string): Promise<string | null> {
	const row = await db
		.selectFrom('plan_meta')
		.select('value')
		.where('key', '=', key)
		.executeTakeFirst();
	return row?.value ?? null;
}

/** The plan version (0 before the first write). */
export async function readPlanVersion(db: Kysely<Database>): Promise<number> {
	return Number((await readMeta(db, VERSION_KEY)) ?? 0);
}

/** Whether the current version shares its second with the previous one (see VERSION_SHARED_KEY). */
export async function readVersionShared(db: Kysely<Database>): Promise<boolean> {
	return (await readMeta(db, VERSION_SHARED_KEY)) === '1';
}

/** When the current plan version was written (null for databases from before it was kept). */
export async function readVersionTime(db: Kysely<Database>): Promise<string | null> {
	return readMeta(db, VERSION_AT_KEY);
}

async function setMeta(trx: Transaction<Database>, key: string, value: string): Promise<void> {
	await trx
		.insertInto('plan_meta')
		.values({ key, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
}

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

/** The items and people a change touches, for history filters. */
function refsOf(entity: EntityKind | 'plan', value: unknown): string[] {
	if (value === null || typeof value !== 'object') return [];
	const v = value as Record<string, unknown>;
	const str = (k: string) => (typeof v[k] === 'string' ? [v[k]] : []);
	switch (entity) {
		case 'assignment':
			return [...str('item'), ...str('person'), ...str('group')];
		case 'dependency':
			return [...str('from'), ...str('to')];
		case 'commitment':
			return [...str('person'), ...str('item')];
		default:
			return str('id');
	}
}

export type HistoryRecord = {
	at: string;
	actor: Actor;
	entity: string;
	entityId: string;
	action: string;
	refs: string[];
	before: unknown;
	after: unknown;
};

/** Writes one history entry and its refs (inside the caller's transaction). */
export async function recordHistory(
	trx: Transaction<Database>,
	entry: HistoryRecord
): Promise<void> {
	const refs = [...new Set(entry.refs)];
	const { id } = await trx
		.insertInto('history')
		.values({
			at: entry.at,
			actor: actorLabel(entry.actor),
			actor_kind: entry.actor.kind,
			actor_id: actorId(entry.actor),
			entity: entry.entity,
			entity_id: entry.entityId,
			action: entry.action,
			refs: '',
			before: entry.before === null ? null : JSON.stringify(entry.before),
			after: entry.after === null ? null : JSON.stringify(entry.after)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const ref of refs)
		await trx.insertInto('history_refs').values({ history_id: id, ref }).execute();
}

export function toHistoryEntry(r: Selectable<HistoryTable>): HistoryEntry {
	const actor = actorFromColumns(r.actor_kind, r.actor_id, r.actor);
	return {
		id: r.id,
		at: r.at,
		actor,
		by: r.actor,
		entity: r.entity,
		entityId: r.entity_id,
		action: r.action,
		before: r.before === null ? null : (JSON.parse(r.before) as unknown),
		after: r.after === null ? null : (JSON.parse(r.after) as unknown)
	};
}

/**
 * Changes, newest first. `item` and `person` match entries that touch that item or person (an
 * assignment touches both) through the refs index; `actor` matches who made them (kind, or
 * kind and id).
 */
export async function listHistory(
	db: Kysely<Database>,
	filter: {
		item?: string;
		person?: string;
		actor?: { kind: string; id?: string };
		limit?: number;
	} = {}
): Promise<HistoryEntry[]> {
	let q = db.selectFrom('history').selectAll('history');
	if (filter.item) {
		const item = filter.item;
		q = q.where('history.id', 'in', (eb) =>
			eb.selectFrom('history_refs').select('history_id').where('ref', '=', item)
		);
	}
	if (filter.person) {
		const person = filter.person;
		q = q.where((eb) =>
			eb.or([
				eb(
					'history.id',
					'in',
					eb.selectFrom('history_refs').select('history_id').where('ref', '=', person)
				),
				eb.and([eb('actor_kind', '=', 'member'), eb('actor_id', '=', person)])
			])
		);
	}
	if (filter.actor) {
		q = q.where('actor_kind', '=', filter.actor.kind);
		if (filter.actor.id !== undefined) q = q.where('actor_id', '=', filter.actor.id);
	}
	const rows = await q
		.orderBy('history.id', 'desc')
		.limit(Math.min(filter.limit ?? 200, 1000))
		.execute();
	return rows.map(toHistoryEntry);
}

async function lastChangeTouching(
	trx: Transaction<Database>,
	entity: EntityKind,
	id: string
): Promise<HistoryEntry | null> {
	let q = trx.selectFrom('history').selectAll('history');
	// An item's revision also moves when its assignments change, so look at everything touching it.
	q =
		entity === 'item'
			? q.where('history.id', 'in', (eb) =>
					eb.selectFrom('history_refs').select('history_id').where('ref', '=', id)
				)
			: q.where('entity_id', '=', id);
	const row = await q.orderBy('history.id', 'desc').limit(1).executeTakeFirst();
	return row ? toHistoryEntry(row) : null;
}

/**
 * The current plan, items in file order without removed ones; `null` when no plan was ever
 * written. Reads inside whatever transaction `db` is.
 */
export async function loadPlanRows(db: Kysely<Database>): Promise<PlanFile | null> {
	const header = await readMeta(db, HEADER_KEY);
	if (header === null) return null;
	const items = await db
		.selectFrom('items')
		.select('data')
		.where('deleted_at', 'is', null)
		.orderBy('position')
		.execute();
	const list = async <T>(
		table: 'people' | 'groups' | 'locations' | 'assignments' | 'dependencies' | 'commitments'
	) =>
		(await db.selectFrom(table).select('data').orderBy('position').execute()).map(
			(r) => JSON.parse(r.data) as T
		);
	return {
		...(JSON.parse(header) as Header),
		people: await list('people'),
		groups: await list('groups'),
		locations: await list('locations'),
		items: items.map((r) => JSON.parse(r.data) as Item),
		assignments: await list('assignments'),
		dependencies: await list('dependencies'),
		commitments: await list('commitments')
	};
}

const SIMPLE_TABLES = ['people', 'groups', 'locations'] as const;
const CHILD_TABLES = ['assignments', 'dependencies', 'commitments'] as const;

function rowOf(list: EntityList, e: Entity, position: number) {
	const data = JSON.stringify(e);
	switch (list) {
		case 'assignments':
			return {
				id: e.id,
				position,
				data,
				item_id: e.item as string,
				person_id: (e.person as string | undefined) ?? null,
				group_id: (e.group as string | undefined) ?? null
			};
		case 'dependencies':
			return { id: e.id, position, data, from_id: e.from as string, to_id: e.to as string };
		case 'commitments':
			return {
				id: e.id,
				position,
				data,
				person_id: e.person as string,
				item_id: (e.item as string | undefined) ?? null,
				source: e.source as string
			};
		default:
			return { id: e.id, position, data };
	}
}

/** A lookup by id over a list, built only when more than a few ids are needed. */
function finder(list: readonly Entity[], count: number): (id: string) => [Entity, number] | null {
	if (count <= 8) {
		return (id) => {
			const i = list.findIndex((e) => e.id === id);
			return i < 0 ? null : [list[i]!, i];
		};
	}
	const map = new Map(list.map((e, i) => [e.id, [e, i] as [Entity, number]]));
	return (id) => map.get(id) ?? null;
}

async function nextPosition(trx: Transaction<Database>, table: EntityList): Promise<number> {
	const row = await trx
		.selectFrom(table)
		.select((eb) => eb.fn.max('position').as('max'))
		.executeTakeFirst();
	return Number(row?.max ?? -1) + 1;
}

/**
 * Rows per statement (multi-row upserts, `id IN (…)` lists): ≤ 7 columns a row, far below
 * SQLite's 32,766 bound parameters.
 */
const ROWS_PER_STATEMENT = 500;

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

/** Writes the rows `diff` names, parents before children, children deleted first. */
async function writeRows(
	trx: Transaction<Database>,
	before: PlanFile | null,
	next: PlanFile,
	diff: PlanDiff,
	now: string,
	pace: () => Promise<void>
): Promise<ImportSummary> {
	if (diff.header || before === null)
		await setMeta(trx, HEADER_KEY, JSON.stringify(headerOf(next)));

	const upsert = async (list: EntityList) => {
		const ids = diff[list].changed;
		const reordered = diff.reordered.has(list);
		if (ids.size === 0 && !reordered) return;
		const entities = next[list] as unknown as Entity[];
		// Rows in file order, each with its place: all of them when the order changed, else only
		// the changed ones, new rows taking places after the last (existing rows keep theirs).
		let rows: ReturnType<typeof rowOf>[];
		if (reordered) {
			rows = entities.map((e, position) => rowOf(list, e, position));
		} else {
			const find = finder(entities, ids.size);
			const first = await nextPosition(trx, list);
			rows = [];
			for (const id of ids) {
				const found = find(id);
				if (found) rows.push(rowOf(list, found[0], first + rows.length));
			}
		}
		// Many rows per statement (an import writes thousands): one compile and one step each.
		const columns = Object.keys(rows[0] ?? {}).filter(
			(c) => c !== 'id' && (reordered || c !== 'position')
		);
		for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
			await trx
				.insertInto(list)
				.values(rows.slice(i, i + ROWS_PER_STATEMENT))
				.onConflict((oc) =>
					oc
						.column('id')
						.doUpdateSet((eb) =>
							Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}` as never)]))
						)
				)
				.execute();
			await pace();
		}
	};
	const remove = async (list: EntityList) => {
		const ids = [...diff[list].removed];
		for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
			await trx
				.deleteFrom(list)
				.where('id', 'in', ids.slice(i, i + ROWS_PER_STATEMENT))
				.execute();
			await pace();
		}
	};

	for (const table of SIMPLE_TABLES) await upsert(table);
	const summary = await writeItems(trx, before, next, diff, now);
	for (const table of CHILD_TABLES) await upsert(table);
	for (const table of [...CHILD_TABLES].reverse()) await remove(table);
	for (const table of [...SIMPLE_TABLES].reverse()) await remove(table);
	return summary;
}

/** Items: revision bumps for content or assignment changes, soft deletes, returns. */
async function writeItems(
	trx: Transaction<Database>,
	before: PlanFile | null,
	next: PlanFile,
	diff: PlanDiff,
	now: string
): Promise<ImportSummary> {
	const summary: ImportSummary = { added: [], changed: [], removed: [], unchanged: 0 };
	const touched = new Set([...diff.items.changed, ...diff.items.removed]);
	const assignmentIds = new Set([...diff.assignments.changed, ...diff.assignments.removed]);
	if (assignmentIds.size) {
		for (const plan of [before, next]) {
			for (const a of plan?.assignments ?? []) if (assignmentIds.has(a.id)) touched.add(a.item);
		}
	}
	const reordered = diff.reordered.has('items');
	if (touched.size === 0 && !reordered) {
		summary.unchanged = next.items.length;
		return summary;
	}
	const assignments = new Map<string, Assignment[]>();
	for (const a of next.assignments) {
		if (!reordered && !touched.has(a.item)) continue;
		const list = assignments.get(a.item) ?? [];
		list.push(a);
		assignments.set(a.item, list);
	}
	const existing = new Map<
		string,
		{ content_hash: string; revision: number; deleted_at: string | null }
	>();
	const ids = reordered ? null : [...touched];
	const query = trx.selectFrom('items').select(['id', 'content_hash', 'revision', 'deleted_at']);
	if (ids === null) {
		for (const r of await query.execute()) existing.set(r.id, r);
	} else {
		for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
			for (const r of await query.where('id', 'in', ids.slice(i, i + ROWS_PER_STATEMENT)).execute())
				existing.set(r.id, r);
		}
	}

	let position = reordered ? 0 : await nextPosition(trx, 'items');
	const seen = new Set<string>();
	for (const [index, item] of next.items.entries()) {
		seen.add(item.id);
		if (!reordered && !touched.has(item.id)) continue;
		const old = existing.get(item.id);
		const hash = contentHash(item, assignments.get(item.id) ?? []);
		const data = JSON.stringify(item);
		if (!old) {
			summary.added.push(item.id);
			await trx
				.insertInto('items')
				.values({
					id: item.id,
					position: reordered ? index : position++,
					kind: item.kind,
					data,
					content_hash: hash,
					revision: 1,
					updated_at: now,
					deleted_at: null
				})
				.execute();
		} else if (old.deleted_at !== null || old.content_hash !== hash) {
			(old.deleted_at !== null ? summary.added : summary.changed).push(item.id);
			await trx
				.updateTable('items')
				.set({
					...(reordered || old.deleted_at !== null
						? { position: reordered ? index : position++ }
						: {}),
					kind: item.kind,
					data,
					content_hash: hash,
					revision: old.revision + 1,
					updated_at: now,
					deleted_at: null
				})
				.where('id', '=', item.id)
				.execute();
		} else if (reordered) {
			await trx
				.updateTable('items')
				.set({ position: index, data })
				.where('id', '=', item.id)
				.execute();
		}
	}
	summary.unchanged = next.items.length - summary.added.length - summary.changed.length;
	for (const id of touched) {
		const old = existing.get(id);
		if (seen.has(id) || !old || old.deleted_at !== null) continue;
		summary.removed.push(id);
		await trx
			.updateTable('items')
			.set({ deleted_at: now, updated_at: now, revision: old.revision + 1 })
			.where('id', '=', id)
			.execute();
	}
	return summary;
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

	let next: PlanFile;
	let diff: PlanDiff;
	const applied: Applied[] = [];
	const results: WriteOutcome['results'] = [];
	if ('replace' in request) {
		next = request.replace;
		checkUniqueIds(next);
		diff = diffPlans(current, next);
	} else {
		if (current === null) throw new Error('the database has no plan');
		const draft = new PlanDraft(current);
		for (const [at, change] of request.changes.entries()) {
			await pace();
			const before = draft.get(ENTITY_LISTS[change.entity], change.id);
			if (change.expected !== undefined) {
				const seen = await versionOf(trx, change.entity, before);
				if (seen !== change.expected) {
					throw new EditConflict(
						before,
						seen,
						await lastChangeTouching(trx, change.entity, change.id)
					);
				}
			}
			if (change.action === 'create' && change.entity === 'item') {
				const removed = await trx
					.selectFrom('items')
					.select('id')
					.where('id', '=', change.id)
					.executeTakeFirst();
				if (removed)
					throw new EditInvalid([{ field: 'id', message: 'was used by a removed item' }]);
			}
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
		next = applied.length ? draft.finish() : current;
		diff = diffOfApplied(applied);
		if (options.busyLimits) checkBusyLimits(next, applied, options.busyLimits);
	}

	const nothing =
		!diff.header &&
		diff.reordered.size === 0 &&
		Object.values(ENTITY_LISTS).every(
			(l) => diff[l].changed.size === 0 && diff[l].removed.size === 0
		);
	if (nothing && current !== null) {
		const find = entityFinder(current, results.length);
		for (const r of results) {
			r.version = await versionOf(trx, r.entity, find(r.entity, r.id));
			await pace();
		}
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
	if ('replace' in request && options.action === 'seed') {
		// The demo plan loaded into an empty database is where history starts, not a change.
	} else if ('replace' in request) {
		const touched = [...summary.added, ...summary.changed, ...summary.removed];
		await recordHistory(trx, {
			at: now,
			actor,
			entity: 'plan',
			entityId: 'plan',
			action: options.action ?? 'import',
			refs: touched,
			before: importBefore(current, [...summary.changed, ...summary.removed]),
			after: summary
		});
	} else if (options.history) {
		await recordHistory(trx, { at: now, actor, before: null, ...options.history });
	} else {
		for (const a of applied) {
			for (const c of a.cascaded) {
				await recordHistory(trx, {
					at: now,
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
				at: now,
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
	const nextVersion = version + 1;
	await setMeta(trx, VERSION_KEY, String(nextVersion));
	// When this version was written, never before the previous one (Last-Modified must not go back).
	const previousAt = await readVersionTime(trx);
	const at = previousAt !== null && previousAt > now ? previousAt : now;
	await setMeta(trx, VERSION_AT_KEY, at);
	// HTTP dates have whole seconds: a version written in the same second as the one before it
	// cannot be told apart by Last-Modified (feeds then send none and answer no If-Modified-Since).
	const second = (iso: string) => Math.ceil(Date.parse(iso) / 1000);
	await setMeta(
		trx,
		VERSION_SHARED_KEY,
		previousAt !== null && second(previousAt) === second(at) ? '1' : '0'
	);
	const find = entityFinder(next, results.length);
	for (const r of results) {
		// A hash of each entity: at thousands of busy periods, ~50 ms in all, so paced too.
		r.version = await versionOf(trx, r.entity, find(r.entity, r.id));
		await pace();
	}
	return {
		version: nextVersion,
		versionAt: await readVersionTime(trx),
		versionShared: await readVersionShared(trx),
		changed: true,
		plan: next,
		summary,
		results
	};
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
/** At most this many items' earlier state is kept in a plan import's history entry. */
const IMPORT_BEFORE_CAP = 200;

/**
 * What a plan import changed or removed, as it was before: what a calendar that last fetched
 * before the import still shows ("it still shows the Riyadh meeting on 25–28 Feb"). Capped, so
 * a 5,000-item import does not write a megabyte of history; null when there is nothing to keep.
 */
function importBefore(
	current: PlanFile | null,
	ids: readonly string[]
): { items: Record<string, Item> } | null {
	if (current === null || ids.length === 0) return null;
	const wanted = new Set(ids.slice(0, IMPORT_BEFORE_CAP));
	const items: Record<string, Item> = {};
	for (const item of current.items) if (wanted.has(item.id)) items[item.id] = item;
	return { items };
}

export function checkInstant(now: string): void {
	const form = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
	if (!form.test(now) || !DateTime.fromISO(now, { zone: 'utc' }).isValid) {
		throw new RangeError(`"now" must be a UTC instant like 2024-03-01T16:00:00Z, got "${now}"`);
	}
}
