/**
 * The plan in the database: load it, replace it in one transaction, and keep per-item revisions
 * so calendar feeds can tell subscribers what changed (SEQUENCE, LAST-MODIFIED) and what left the
 * plan (CANCELLED). The database and the clock are always arguments.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
	describeIssues,
	PlanFile,
	type Assignment,
	type Commitment,
	type Dependency,
	type Group,
	type Item,
	type Location,
	type Person
} from '../domain/schema.ts';
import type { Database } from './db.ts';

/** What an import did, by item id (items are what subscribers see change). */
export type ImportSummary = {
	/** New items, and items that came back after being removed. */
	added: string[];
	/** Items whose content or assignments changed. */
	changed: string[];
	/** Items that left the plan (kept, soft-deleted). */
	removed: string[];
	unchanged: number;
};

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

/** The PlanFile fields that are not lists of entities, kept as one JSON object. */
const HEADER_KEY = 'header';
/** SHA-256 of the whole plan as last imported, to tell a real change from a re-import. */
const HASH_KEY = 'plan_hash';
/** Counter bumped whenever the stored plan changes; see `planRevision`. */
const REVISION_KEY = 'revision';

type Header = Omit<
	PlanFile,
	'people' | 'groups' | 'locations' | 'items' | 'assignments' | 'dependencies' | 'commitments'
>;

/**
 * JSON with object keys sorted at every level, so hashes do not depend on the order in which a
 * plan's keys happen to be written. `undefined` members drop out as in `JSON.stringify`.
 */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => {
		if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
		const record = v as Record<string, unknown>;
		return Object.fromEntries(
			Object.keys(record)
				.sort()
				.map((k) => [k, record[k]])
		);
	});
}

export function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

function byId<T extends { id: string }>(a: T, b: T): number {
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An item's content for change detection: its JSON plus who is on it. */
function contentHash(item: Item, assignments: readonly Assignment[]): string {
	return sha256(canonicalJson({ item, assignments: [...assignments].sort(byId) }));
}

/**
 * `now` must be a UTC instant (`Date#toISOString()` or `2024-03-01T16:00Z`): stored timestamps
 * are compared as strings, which only works when they all share one zone and form.
 */
function checkInstant(now: string): void {
	const form = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
	if (!form.test(now) || !DateTime.fromISO(now, { zone: 'utc' }).isValid) {
		throw new RangeError(`"now" must be a UTC instant like 2024-03-01T16:00:00Z, got "${now}"`);
	}
}

/** The PlanFile header fields, in the order the schema lists them. */
function headerOf(plan: PlanFile): Header {
	const { $schema, version, name, description, zone, source } = plan;
	return { $schema, version, name, description, zone, source };
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
		.where('key', '=', HEADER_KEY)
		.executeTakeFirst();
	return row !== undefined;
}

async function entities<T>(
	db: Kysely<Database>,
	table: 'people' | 'groups' | 'locations' | 'assignments' | 'dependencies' | 'commitments'
): Promise<T[]> {
	const rows = await db.selectFrom(table).select('data').orderBy('position').execute();
	return rows.map((r) => JSON.parse(r.data) as T);
}

/**
 * The current plan, items in file order without removed ones; `null` when no plan was ever
 * imported. Gives back exactly what was imported.
 */
export async function loadPlan(db: Kysely<Database>): Promise<PlanFile | null> {
	return inReadSnapshot(db, async (db) => {
		const header = await db
			.selectFrom('plan_meta')
			.select('value')
			.where('key', '=', HEADER_KEY)
			.executeTakeFirst();
		if (!header) return null;
		const items = await db
			.selectFrom('items')
			.select('data')
			.where('deleted_at', 'is', null)
			.orderBy('position')
			.execute();
		return {
			...(JSON.parse(header.value) as Header),
			people: await entities<Person>(db, 'people'),
			groups: await entities<Group>(db, 'groups'),
			locations: await entities<Location>(db, 'locations'),
			items: items.map((r) => JSON.parse(r.data) as Item),
			assignments: await entities<Assignment>(db, 'assignments'),
			dependencies: await entities<Dependency>(db, 'dependencies'),
			commitments: await entities<Commitment>(db, 'commitments')
		};
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
 * A value that changes whenever the stored plan changes (0 before the first import), for caches
 * and ETags. Re-importing an identical plan keeps it.
 */
export async function planRevision(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('plan_meta')
		.select('value')
		.where('key', '=', REVISION_KEY)
		.executeTakeFirst();
	return row ? Number(row.value) : 0;
}

async function setMeta(trx: Transaction<Database>, key: string, value: string): Promise<void> {
	await trx
		.insertInto('plan_meta')
		.values({ key, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
}

/**
 * The body of `replacePlan`, for callers that already hold a transaction (seeding checks and
 * imports in the same transaction).
 */
export async function replacePlanInTransaction(
	trx: Transaction<Database>,
	plan: PlanFile,
	now: string
): Promise<ImportSummary> {
	checkInstant(now);
	const summary: ImportSummary = { added: [], changed: [], removed: [], unchanged: 0 };

	const existing = new Map(
		(
			await trx
				.selectFrom('items')
				.select(['id', 'content_hash', 'revision', 'deleted_at'])
				.execute()
		).map((r) => [r.id, r])
	);

	// Children first: their foreign keys point at people, groups and items.
	await trx.deleteFrom('assignments').execute();
	await trx.deleteFrom('dependencies').execute();
	await trx.deleteFrom('commitments').execute();
	await trx.deleteFrom('people').execute();
	await trx.deleteFrom('groups').execute();
	await trx.deleteFrom('locations').execute();

	const assignmentsByItem = new Map<string, Assignment[]>();
	for (const a of plan.assignments) {
		const list = assignmentsByItem.get(a.item) ?? [];
		list.push(a);
		assignmentsByItem.set(a.item, list);
	}

	const seen = new Set<string>();
	for (const [position, item] of plan.items.entries()) {
		seen.add(item.id);
		const hash = contentHash(item, assignmentsByItem.get(item.id) ?? []);
		const data = JSON.stringify(item);
		const old = existing.get(item.id);
		if (!old) {
			summary.added.push(item.id);
			await trx
				.insertInto('items')
				.values({
					id: item.id,
					position,
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
					position,
					kind: item.kind,
					data,
					content_hash: hash,
					revision: old.revision + 1,
					updated_at: now,
					deleted_at: null
				})
				.where('id', '=', item.id)
				.execute();
		} else {
			summary.unchanged++;
			// Moving an item is not a change subscribers need to hear about.
			await trx.updateTable('items').set({ position, data }).where('id', '=', item.id).execute();
		}
	}
	for (const old of existing.values()) {
		if (seen.has(old.id) || old.deleted_at !== null) continue;
		summary.removed.push(old.id);
		await trx
			.updateTable('items')
			.set({ deleted_at: now, updated_at: now, revision: old.revision + 1 })
			.where('id', '=', old.id)
			.execute();
	}

	const rows = <T extends { id: string }>(list: readonly T[]) =>
		list.map((e, position) => ({ id: e.id, position, data: JSON.stringify(e) }));
	// Inserted one by one: a whole list in one statement can exceed SQLite's bound-variable limit.
	for (const row of rows(plan.people)) await trx.insertInto('people').values(row).execute();
	for (const row of rows(plan.groups)) await trx.insertInto('groups').values(row).execute();
	for (const row of rows(plan.locations)) await trx.insertInto('locations').values(row).execute();
	for (const [position, a] of plan.assignments.entries()) {
		await trx
			.insertInto('assignments')
			.values({
				id: a.id,
				position,
				data: JSON.stringify(a),
				item_id: a.item,
				person_id: a.person ?? null,
				group_id: a.group ?? null
			})
			.execute();
	}
	for (const [position, d] of plan.dependencies.entries()) {
		await trx
			.insertInto('dependencies')
			.values({ id: d.id, position, data: JSON.stringify(d), from_id: d.from, to_id: d.to })
			.execute();
	}
	for (const [position, c] of plan.commitments.entries()) {
		await trx
			.insertInto('commitments')
			.values({
				id: c.id,
				position,
				data: JSON.stringify(c),
				person_id: c.person,
				item_id: c.item ?? null
			})
			.execute();
	}

	await setMeta(trx, HEADER_KEY, JSON.stringify(headerOf(plan)));
	// Hash the plan as loadPlan would return it, so reordering or editing anything counts.
	const planHash = sha256(JSON.stringify(plan));
	const previous = await trx
		.selectFrom('plan_meta')
		.select(['key', 'value'])
		.where('key', 'in', [HASH_KEY, REVISION_KEY])
		.execute();
	const previousHash = previous.find((r) => r.key === HASH_KEY)?.value;
	const previousRevision = Number(previous.find((r) => r.key === REVISION_KEY)?.value ?? 0);
	if (previousHash !== planHash) {
		await setMeta(trx, HASH_KEY, planHash);
		await setMeta(trx, REVISION_KEY, String(previousRevision + 1));
	}
	return summary;
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

/**
 * Where JSON text stops being valid, as a UTF-16 offset (like V8's "position"), or -1. V8 names
 * the position for some syntax errors but not for an unexpected token, so we find it ourselves
 * with a strict recursive-descent scan; only called after JSON.parse has failed.
 */
export function jsonErrorOffset(text: string): number {
	let i = 0;
	const fail = (): never => {
		throw new JsonSyntaxAt(i);
	};
	const space = () => {
		while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
	};
	const expect = (char: string) => {
		if (text.charAt(i) !== char) fail();
		i++;
	};
	const word = (w: string) => {
		for (const c of w) expect(c);
	};
	const isDigit = () => {
		const c = text.charAt(i);
		return c >= '0' && c <= '9';
	};
	const digits = () => {
		if (!isDigit()) fail();
		while (isDigit()) i++;
	};
	// Character by character, so a malformed number fails where V8 says it does.
	const number = () => {
		if (text.charAt(i) === '-') i++;
		if (text.charAt(i) === '0') i++;
		else digits();
		if (text.charAt(i) === '.') {
			i++;
			digits();
		}
		if (text.charAt(i) === 'e' || text.charAt(i) === 'E') {
			i++;
			if (text.charAt(i) === '+' || text.charAt(i) === '-') i++;
			digits();
		}
	};
	const string = () => {
		expect('"');
		for (;;) {
			if (i >= text.length) fail();
			const c = text.charAt(i);
			if (c === '"') return void i++;
			if (c < ' ') fail();
			if (c !== '\\') {
				i++;
				continue;
			}
			i++;
			const e = text.charAt(i);
			if (e === 'u') {
				for (let k = 1; k <= 4; k++) {
					if (!/[0-9a-fA-F]/.test(text.charAt(i + k))) {
						i += k;
						fail();
					}
				}
				i += 5;
			} else if (e !== '' && '"\\/bfnrt'.includes(e)) i++;
			else fail();
		}
	};
	const list = (open: string, close: string, member: () => void) => {
		expect(open);
		space();
		if (text.charAt(i) === close) return void i++;
		for (;;) {
			member();
			space();
			if (text.charAt(i) === close) return void i++;
			expect(',');
		}
	};
	const value = (): void => {
		space();
		const c = text.charAt(i);
		if (c === '{') {
			list('{', '}', () => {
				space();
				string();
				space();
				expect(':');
				value();
			});
		} else if (c === '[') list('[', ']', value);
		else if (c === '"') string();
		else if (c === 't') word('true');
		else if (c === 'f') word('false');
		else if (c === 'n') word('null');
		else number();
	};
	try {
		value();
		space();
		if (i < text.length) fail();
		return -1;
	} catch (e) {
		if (e instanceof JsonSyntaxAt) return e.offset;
		// Nesting deep enough to overflow the stack: say nothing rather than guess.
		if (e instanceof RangeError) return -1;
		throw e;
	}
}

/** Thrown inside the scan to unwind to its entry point with the failing offset. */
class JsonSyntaxAt extends Error {
	readonly offset: number;
	constructor(offset: number) {
		super(`invalid JSON at ${offset}`);
		this.offset = offset;
	}
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
