/**
 * Editing one entity of the stored plan at a time, with history and optimistic concurrency.
 *
 * Every edit runs in one write transaction: read the plan, apply the change, validate the whole
 * plan (references included), then write it back through `replacePlanInTransaction` — the same
 * code path as an import, so content hashes, revision bumps, `updated_at` and soft-deleted items
 * (published as cancelled by the feeds) work exactly alike. The change is recorded in `history`
 * in the same transaction. The database and the clock are arguments.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { describeIssues, PlanFile } from '../domain/schema.ts';
import type { Database, HistoryTable } from './db.ts';
import {
	canonicalJson,
	loadPlan,
	replacePlanInTransaction,
	sha256,
	type ImportSummary
} from './plan-repository.ts';

export const ENTITY_LISTS = {
	item: 'items',
	assignment: 'assignments',
	dependency: 'dependencies',
	person: 'people',
	group: 'groups',
	location: 'locations',
	commitment: 'commitments'
} as const;
export type EntityKind = keyof typeof ENTITY_LISTS;

type Entity = { id: string } & Record<string, unknown>;

/** A field-level problem, named by the entity's own field ("linkedTo", "when"). */
export type FieldIssue = { field: string; message: string };

export type HistoryEntry = {
	id: number;
	at: string;
	actor: string;
	entity: string;
	entityId: string;
	action: string;
	before: unknown;
	after: unknown;
};

/** The entity changed since the editor opened it; nothing was written. */
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

/** The change would make the plan invalid; nothing was written. */
export class EditInvalid extends Error {
	readonly issues: FieldIssue[];
	constructor(issues: FieldIssue[]) {
		super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
		this.name = 'EditInvalid';
		this.issues = issues;
	}
}

export class EditNotFound extends Error {
	constructor(entity: EntityKind, id: string) {
		super(`There is no ${entity} "${id}".`);
		this.name = 'EditNotFound';
	}
}

/** The editor may not change this entity (a member touching someone else's data). */
export class EditForbidden extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'EditForbidden';
	}
}

export type EditRequest = {
	entity: EntityKind;
	id: string;
	/**
	 * `create` takes `value`; `update` takes `patch`, given the entity as it is inside the
	 * transaction; `delete` removes it (an item is kept soft-deleted, with its assignments,
	 * dependencies and event commitments removed).
	 */
	action: 'create' | 'update' | 'delete';
	value?: unknown;
	patch?: (before: Entity) => unknown;
	/** The version the editor saw (`versionOf`); a different current version is a conflict. */
	expected?: string;
	/** Only entities whose `person` (or, for people, `id`) is this may be touched. */
	owner?: string;
};

export type EditResult = {
	/** The entity's version after the change (`null` after a delete). */
	version: string | null;
	/** `false` when the change changed nothing (no history entry, no revision bump). */
	changed: boolean;
	summary: ImportSummary | null;
};

/**
 * The version an editor has to send back: an item's revision (what feeds publish as SEQUENCE),
 * or for other entities a short hash of their JSON.
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
function refsOf(entity: EntityKind, value: Entity | null): string[] {
	if (value === null) return [];
	const str = (k: string) => (typeof value[k] === 'string' ? [value[k]] : []);
	switch (entity) {
		case 'item':
		case 'person':
			return [value.id];
		case 'assignment':
			return [...str('item'), ...str('person'), ...str('group')];
		case 'dependency':
			return [...str('from'), ...str('to')];
		case 'commitment':
			return [...str('person'), ...str('item')];
		default:
			return [value.id];
	}
}

/** Writes one history entry (inside the caller's transaction). */
export async function recordHistory(
	trx: Transaction<Database>,
	entry: {
		at: string;
		actor: string;
		entity: string;
		entityId: string;
		action: string;
		refs: string[];
		before: unknown;
		after: unknown;
	}
): Promise<void> {
	const refs = [...new Set(entry.refs)];
	await trx
		.insertInto('history')
		.values({
			at: entry.at,
			actor: entry.actor,
			entity: entry.entity,
			entity_id: entry.entityId,
			action: entry.action,
			refs: refs.length ? `,${refs.join(',')},` : '',
			before: entry.before === null ? null : JSON.stringify(entry.before),
			after: entry.after === null ? null : JSON.stringify(entry.after)
		})
		.execute();
}

function toEntry(r: Selectable<HistoryTable>): HistoryEntry {
	return {
		id: r.id,
		at: r.at,
		actor: r.actor,
		entity: r.entity,
		entityId: r.entity_id,
		action: r.action,
		before: r.before === null ? null : (JSON.parse(r.before) as unknown),
		after: r.after === null ? null : (JSON.parse(r.after) as unknown)
	};
}

/**
 * Changes, newest first. `item` and `person` match entries that touch that item or person (an
 * assignment touches both); `actor` matches who made them.
 */
export async function listHistory(
	db: Kysely<Database>,
	filter: { item?: string; person?: string; actor?: string; limit?: number } = {}
): Promise<HistoryEntry[]> {
	let q = db.selectFrom('history').selectAll();
	if (filter.item) q = q.where('refs', 'like', `%,${filter.item},%`);
	if (filter.person) {
		const person = filter.person;
		q = q.where((eb) =>
			eb.or([eb('refs', 'like', `%,${person},%`), eb('actor', '=', `member:${person}`)])
		);
	}
	if (filter.actor) q = q.where('actor', '=', filter.actor);
	const rows = await q
		.orderBy('id', 'desc')
		.limit(filter.limit ?? 200)
		.execute();
	return rows.map(toEntry);
}

async function lastChangeTouching(
	trx: Transaction<Database>,
	entity: EntityKind,
	id: string
): Promise<HistoryEntry | null> {
	let q = trx.selectFrom('history').selectAll();
	// An item's revision also moves when its assignments change, so look at everything touching it.
	q = entity === 'item' ? q.where('refs', 'like', `%,${id},%`) : q.where('entity_id', '=', id);
	const row = await q.orderBy('id', 'desc').limit(1).executeTakeFirst();
	return row ? toEntry(row) : null;
}

/** "items[3].linkedTo: …" -> { field: "linkedTo" } when it is about the edited entity. */
function fieldIssues(issues: string[], list: string, index: number): FieldIssue[] {
	const prefix = `${list}[${index}]`;
	return issues.map((line) => {
		const colon = line.indexOf(': ');
		const path = line.slice(0, colon);
		const message = line.slice(colon + 2);
		if (path.startsWith(`${prefix}.`)) {
			return { field: path.slice(prefix.length + 1).replace(/[.[].*$/, ''), message };
		}
		return { field: '(plan)', message: `${path}: ${message}` };
	});
}

/** Applies one edit; see EditRequest. Throws EditConflict, EditInvalid, EditNotFound, EditForbidden. */
export async function applyEdit(
	db: Kysely<Database>,
	req: EditRequest,
	actor: string,
	now: string
): Promise<EditResult> {
	return db.transaction().execute(async (trx) => {
		const plan = await loadPlan(trx);
		if (!plan) throw new Error('the database has no plan');
		const listName = ENTITY_LISTS[req.entity];
		const list = plan[listName] as unknown as Entity[];
		const index = list.findIndex((e) => e.id === req.id);
		const before = index >= 0 ? (list[index] ?? null) : null;

		const ownerOf = (e: Entity) => (req.entity === 'person' ? e.id : e.person);
		if (req.owner !== undefined && before !== null && ownerOf(before) !== req.owner) {
			throw new EditForbidden('You can only change your own entries.');
		}
		if (req.expected !== undefined) {
			const current = await versionOf(trx, req.entity, before);
			if (current !== req.expected) {
				throw new EditConflict(before, current, await lastChangeTouching(trx, req.entity, req.id));
			}
		}

		let after: Entity | null;
		if (req.action === 'create') {
			if (before !== null) throw new EditInvalid([{ field: 'id', message: 'is already used' }]);
			if (req.entity === 'item') {
				const removed = await trx
					.selectFrom('items')
					.select('id')
					.where('id', '=', req.id)
					.executeTakeFirst();
				if (removed) {
					throw new EditInvalid([{ field: 'id', message: 'was used by a removed item' }]);
				}
			}
			after = req.value as Entity;
		} else {
			if (before === null) throw new EditNotFound(req.entity, req.id);
			after = req.action === 'delete' ? null : (req.patch?.(before) as Entity);
		}
		if (after !== null && req.owner !== undefined && ownerOf(after) !== req.owner) {
			throw new EditForbidden('You can only change your own entries.');
		}

		const next = { ...plan } as Record<string, unknown> & PlanFile;
		const newList = [...list];
		if (after === null) newList.splice(index, 1);
		else if (index >= 0) newList[index] = after;
		else newList.push(after);
		(next as Record<string, unknown>)[listName] = newList;

		// Deleting an item takes what hangs on it along; the item itself stays, soft-deleted.
		const cascaded: { entity: EntityKind; value: Entity }[] = [];
		if (req.entity === 'item' && after === null) {
			const linked = plan.items.filter((i) => i.linkedTo === req.id);
			if (linked.length) {
				throw new EditInvalid([
					{
						field: 'id',
						message: `other items happen at this event (${linked.map((i) => i.id).join(', ')}); unlink them first`
					}
				]);
			}
			const drop = <T extends { id: string }>(
				entity: EntityKind,
				items: T[],
				hit: (e: T) => boolean
			) =>
				items.filter((e) => {
					if (!hit(e)) return true;
					cascaded.push({ entity, value: e });
					return false;
				});
			next.assignments = drop('assignment', plan.assignments, (a) => a.item === req.id);
			next.dependencies = drop(
				'dependency',
				plan.dependencies,
				(d) => d.from === req.id || d.to === req.id
			);
			next.commitments = drop('commitment', plan.commitments, (c) => c.item === req.id);
		}

		const parsed = PlanFile.safeParse(next);
		if (!parsed.success) {
			const position = index >= 0 ? index : newList.length - 1;
			throw new EditInvalid(fieldIssues(describeIssues(parsed.error), listName, position));
		}
		const stored =
			after === null
				? null
				: (parsed.data[listName] as unknown as Entity[])[index >= 0 ? index : newList.length - 1]!;
		if (before !== null && stored !== null && canonicalJson(before) === canonicalJson(stored)) {
			return { version: await versionOf(trx, req.entity, before), changed: false, summary: null };
		}

		const summary = await replacePlanInTransaction(trx, parsed.data, now);
		for (const c of cascaded) {
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
			entity: req.entity,
			entityId: req.id,
			action: req.action,
			refs: [...refsOf(req.entity, before), ...refsOf(req.entity, stored)],
			before,
			after: stored
		});
		return { version: await versionOf(trx, req.entity, stored), changed: true, summary };
	});
}

/**
 * Adds many busy periods of one person in one transaction (an .ics import): all or nothing,
 * recorded as one history entry.
 */
export async function addBusyPeriods(
	db: Kysely<Database>,
	person: string,
	periods: { id: string; when: unknown; reason: string; visibility: 'public' | 'private' }[],
	actor: string,
	now: string
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const plan = await loadPlan(trx);
		if (!plan) throw new Error('the database has no plan');
		const added = periods.map((p) => ({
			id: p.id,
			person,
			source: 'busy',
			when: p.when,
			reason: p.reason,
			visibility: p.visibility,
			strength: 'hard'
		}));
		const parsed = PlanFile.safeParse({ ...plan, commitments: [...plan.commitments, ...added] });
		if (!parsed.success) {
			throw new EditInvalid([{ field: 'file', message: describeIssues(parsed.error)[0] ?? '' }]);
		}
		await replacePlanInTransaction(trx, parsed.data, now);
		await recordHistory(trx, {
			at: now,
			actor,
			entity: 'commitment',
			entityId: `${person}-import`,
			action: 'import',
			refs: [person],
			before: null,
			after: { person, imported: added.length }
		});
		return added.length;
	});
}
