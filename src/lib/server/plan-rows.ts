/**
 * The plan as rows: one table per entity list, each row the entity's JSON with its place in the
 * file and the columns that index it, and plan_meta (the header, the plan version and when it
 * was written). Reading the whole plan back, and writing only the rows a write changed, for the
 * one write path (write.ts), inside its transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import {
	canonicalJson,
	type Entity,
	type EntityList,
	type PlanDiff
} from '../domain/plan-changes.ts';
import type { Assignment, Item, PlanFile } from '../domain/schema.ts';
import type { Database } from './db.ts';
import { sha256 } from './hash.ts';

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
 * Makes the next plan version, written at `now` (never before the previous one: Last-Modified
 * must not go back), and notes whether it shares its second with the one before it.
 */
export async function bumpVersion(
	trx: Transaction<Database>,
	version: number,
	now: string
): Promise<void> {
	await setMeta(trx, VERSION_KEY, String(version + 1));
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
export function finder(
	list: readonly Entity[],
	count: number
): (id: string) => [Entity, number] | null {
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
export const ROWS_PER_STATEMENT = 500;

/** Writes the rows `diff` names, parents before children, children deleted first. */
export async function writeRows(
	trx: Transaction<Database>,
	before: PlanFile | null,
	next: PlanFile,
	diff: PlanDiff,
	now: string,
	pace: () => Promise<void>
): Promise<ImportSummary> {
	if (diff.header || before === null)
		await setMeta(trx, HEADER_KEY, JSON.stringify(headerOf(next)));
	for (const table of SIMPLE_TABLES) await upsertRows(trx, next, diff, table, pace);
	const summary = await writeItems(trx, before, next, diff, now);
	for (const table of CHILD_TABLES) await upsertRows(trx, next, diff, table, pace);
	for (const table of [...CHILD_TABLES].reverse()) await removeRows(trx, diff, table, pace);
	for (const table of [...SIMPLE_TABLES].reverse()) await removeRows(trx, diff, table, pace);
	return summary;
}

/**
 * The changed rows of one list, in file order, each with its place: all of them when the order
 * changed, else only the changed ones, new rows taking places after the last (existing rows keep
 * theirs).
 */
async function changedRows(
	trx: Transaction<Database>,
	next: PlanFile,
	diff: PlanDiff,
	list: EntityList
): Promise<ReturnType<typeof rowOf>[]> {
	const entities = next[list] as unknown as Entity[];
	if (diff.reordered.has(list)) return entities.map((e, position) => rowOf(list, e, position));
	const ids = diff[list].changed;
	const find = finder(entities, ids.size);
	const first = await nextPosition(trx, list);
	const rows: ReturnType<typeof rowOf>[] = [];
	for (const id of ids) {
		const found = find(id);
		if (found) rows.push(rowOf(list, found[0], first + rows.length));
	}
	return rows;
}

/** Inserts or updates the changed rows of one list. */
async function upsertRows(
	trx: Transaction<Database>,
	next: PlanFile,
	diff: PlanDiff,
	list: EntityList,
	pace: () => Promise<void>
): Promise<void> {
	const reordered = diff.reordered.has(list);
	if (diff[list].changed.size === 0 && !reordered) return;
	const rows = await changedRows(trx, next, diff, list);
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
}

/** Deletes the removed rows of one list (items are kept soft-deleted instead: writeItems). */
async function removeRows(
	trx: Transaction<Database>,
	diff: PlanDiff,
	list: EntityList,
	pace: () => Promise<void>
): Promise<void> {
	const ids = [...diff[list].removed];
	for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
		await trx
			.deleteFrom(list)
			.where('id', 'in', ids.slice(i, i + ROWS_PER_STATEMENT))
			.execute();
		await pace();
	}
}

type StoredItem = { content_hash: string; revision: number; deleted_at: string | null };

/** Items whose content or assignments changed or that left, by id. */
function touchedItems(before: PlanFile | null, next: PlanFile, diff: PlanDiff): Set<string> {
	const touched = new Set([...diff.items.changed, ...diff.items.removed]);
	const assignmentIds = new Set([...diff.assignments.changed, ...diff.assignments.removed]);
	if (assignmentIds.size) {
		for (const plan of [before, next]) {
			for (const a of plan?.assignments ?? []) if (assignmentIds.has(a.id)) touched.add(a.item);
		}
	}
	return touched;
}

/** The stored revision state of `ids` (of every item when null), by id. */
async function storedItems(
	trx: Transaction<Database>,
	ids: readonly string[] | null
): Promise<Map<string, StoredItem>> {
	const existing = new Map<string, StoredItem>();
	const query = trx.selectFrom('items').select(['id', 'content_hash', 'revision', 'deleted_at']);
	if (ids === null) {
		for (const r of await query.execute()) existing.set(r.id, r);
		return existing;
	}
	for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
		for (const r of await query.where('id', 'in', ids.slice(i, i + ROWS_PER_STATEMENT)).execute())
			existing.set(r.id, r);
	}
	return existing;
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
	const touched = touchedItems(before, next, diff);
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
	const existing = await storedItems(trx, reordered ? null : [...touched]);
	let position = reordered ? 0 : await nextPosition(trx, 'items');
	const seen = new Set<string>();
	for (const [index, item] of next.items.entries()) {
		seen.add(item.id);
		if (!reordered && !touched.has(item.id)) continue;
		const old = existing.get(item.id);
		const hash = contentHash(item, assignments.get(item.id) ?? []);
		// New and returning items take the next place, unless the whole order is rewritten.
		const place = () => (reordered ? index : position++);
		const outcome = await writeItem(trx, item, hash, old, { reordered, index, place, now });
		if (outcome) summary[outcome].push(item.id);
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

/**
 * One item's row: inserted when new, given a new revision when its content changed or it comes
 * back, else only moved when the order was rewritten. Says how the summary counts it.
 */
async function writeItem(
	trx: Transaction<Database>,
	item: Item,
	hash: string,
	old: StoredItem | undefined,
	at: { reordered: boolean; index: number; place: () => number; now: string }
): Promise<'added' | 'changed' | null> {
	const data = JSON.stringify(item);
	const fields = {
		kind: item.kind,
		data,
		content_hash: hash,
		updated_at: at.now,
		deleted_at: null
	};
	if (!old) {
		await trx
			.insertInto('items')
			.values({ id: item.id, position: at.place(), ...fields, revision: 1 })
			.execute();
		return 'added';
	}
	if (old.deleted_at !== null || old.content_hash !== hash) {
		const moves = at.reordered || old.deleted_at !== null;
		await trx
			.updateTable('items')
			.set({ ...(moves ? { position: at.place() } : {}), ...fields, revision: old.revision + 1 })
			.where('id', '=', item.id)
			.execute();
		return old.deleted_at !== null ? 'added' : 'changed';
	}
	if (at.reordered) {
		await trx
			.updateTable('items')
			.set({ position: at.index, data })
			.where('id', '=', item.id)
			.execute();
	}
	return null;
}
