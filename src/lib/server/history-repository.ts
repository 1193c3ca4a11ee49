/**
 * The plan's history: one entry per change (or per batch, for an import), with its typed actor
 * and the items and people it touches (history_refs) so a page can list what touched an item
 * or a person. Written only inside the one write path's transaction (write.ts); read by the
 * history pages and by a conflict that names the change that got there first.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { actorFromColumns, actorId, actorLabel, type Actor } from '../domain/actor.ts';
import type { ChangeRecord } from '../domain/changes.ts';
import type { EntityKind } from '../domain/plan-changes.ts';
import type { Item, PlanFile } from '../domain/schema.ts';
import type { Database, HistoryTable } from './db.ts';

/** A change as the history pages show it: a ChangeRecord with who made it, typed. */
export type HistoryEntry = ChangeRecord & { actor: Actor };

/** The items and people a change touches, for history filters. */
export function refsOf(entity: EntityKind | 'plan', value: unknown): string[] {
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

/** The newest change to an entity, for a conflict to say who got there first. */
export async function lastChangeTouching(
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

/** At most this many items' earlier state is kept in a plan import's history entry. */
const IMPORT_BEFORE_CAP = 200;

/**
 * What a plan import changed or removed, as it was before: what a calendar that last fetched
 * before the import still shows ("it still shows the Riyadh meeting on 25–28 Feb"). Capped, so
 * a 5,000-item import does not write a megabyte of history; null when there is nothing to keep.
 */
export function importBefore(
	current: PlanFile | null,
	ids: readonly string[]
): { items: Record<string, Item> } | null {
	if (current === null || ids.length === 0) return null;
	const wanted = new Set(ids.slice(0, IMPORT_BEFORE_CAP));
	const items: Record<string, Item> = {};
	for (const item of current.items) if (wanted.has(item.id)) items[item.id] = item;
	return { items };
}
