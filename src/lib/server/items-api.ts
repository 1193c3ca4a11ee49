/**
 * The item JSON API's service: one item with its assignments, read with its revision, and written
 * as one change through the write path (the item and the assignments that make its set).
 */
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { Change } from '#lib/domain/plan-changes.ts';
import type { Assignment, Item, PlanFile } from '#lib/domain/schema.ts';
import { slug } from '#lib/ids.ts';
import { ifMatchVersion } from './api.ts';
import { currentFullPlan, getStore } from './store.ts';

/** What the API takes: the item, and (optionally) the whole set of its assignments. */
export const ItemBody = z.object({
	item: z.record(z.string(), z.unknown()),
	assignments: z.array(z.record(z.string(), z.unknown())).max(500).optional()
});
export type ItemBody = z.infer<typeof ItemBody>;

export type ItemDocument = {
	item: Item;
	assignments: Assignment[];
	revision: number;
	updatedAt: string;
};

/** The item as the API serves it; 'removed' for an item that left the plan; null if unknown. */
export async function readItem(id: string): Promise<ItemDocument | 'removed' | null> {
	const { db } = await getStore();
	const row = await db
		.selectFrom('items')
		.select(['revision', 'updated_at', 'deleted_at'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	if (row.deleted_at !== null) return 'removed';
	const full = await currentFullPlan();
	const item = full.items.find((i) => i.id === id);
	if (!item) return null;
	return {
		item,
		assignments: full.assignments.filter((a) => a.item === id),
		revision: row.revision,
		updatedAt: row.updated_at
	};
}

export const itemEtag = (revision: number) => `"${revision}"`;

/**
 * The changes that make the stored item and its assignments equal `body`: the item itself, then
 * assignments created, replaced or removed so the set matches (when `assignments` is given).
 * Assignments without an id get one made from the item, role and who.
 */
export function itemChanges(
	plan: PlanFile,
	id: string,
	body: ItemBody,
	action: 'create' | 'update',
	expected?: number
): Change[] {
	const changes: Change[] = [
		{
			entity: 'item',
			id,
			action,
			value: { ...body.item, id },
			...(expected !== undefined ? { expected: String(expected) } : {})
		}
	];
	if (body.assignments === undefined) return changes;
	const existing = new Map(plan.assignments.filter((a) => a.item === id).map((a) => [a.id, a]));
	const used = new Set(plan.assignments.map((a) => a.id));
	const wanted = new Set<string>();
	for (const a of body.assignments) {
		let aid = typeof a.id === 'string' ? a.id : '';
		if (!aid) {
			const text = (v: unknown) => (typeof v === 'string' ? v : '');
			const base = slug(
				`${id}-${text(a.role)}-${text(a.person) || text(a.group) || text(a.who) || 'tbd'}`
			);
			aid = base;
			for (let n = 2; used.has(aid) || wanted.has(aid); n++) aid = `${base}-${n}`;
		}
		wanted.add(aid);
		const value = { ...a, id: aid, item: id };
		changes.push({
			entity: 'assignment',
			id: aid,
			action: existing.has(aid) ? 'update' : 'create',
			value
		});
	}
	for (const aid of existing.keys()) {
		if (!wanted.has(aid)) changes.push({ entity: 'assignment', id: aid, action: 'delete' });
	}
	return changes;
}

/* The API's answers about one item, shared by its GET, PUT and DELETE. */

/** 410: the item was in the plan and was removed. */
export const itemGone = (id: string) =>
	json(
		{ error: `The item "${id}" was removed from the plan (feeds show it as cancelled).` },
		{ status: 410 }
	);
/** 404: the plan never had this item. */
export const noSuchItem = (id: string) =>
	json({ error: `There is no item "${id}".` }, { status: 404 });

/** The revision an `If-Match` names, or the 428/400 answer. */
export function expectedRevision(request: Request): number | Response {
	const v = ifMatchVersion(request);
	if (v === null) {
		return json(
			{
				error:
					'Send If-Match with the ETag from GET /api/items/{id}, so a change made meanwhile is not overwritten.'
			},
			{ status: 428 }
		);
	}
	if (v === 'malformed')
		return json({ error: 'If-Match must be one ETag like "3".' }, { status: 400 });
	return v;
}

/** 412 with the item as it is now, for a client to merge and retry. */
export async function staleItem(id: string): Promise<Response> {
	const doc = await readItem(id);
	if (doc === null) return noSuchItem(id);
	if (doc === 'removed') return itemGone(id);
	return json(
		{ error: 'The item changed since you read it; nothing was saved.', current: doc },
		{ status: 412, headers: { ETag: itemEtag(doc.revision) } }
	);
}
