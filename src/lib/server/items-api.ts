/**
 * The item JSON API's service: one item with its assignments, read with its revision, and written
 * as one change through the write path (the item and the assignments that make its set).
 */
import { z } from 'zod';
import type { Change } from '#lib/domain/plan-changes.ts';
import type { Assignment, Item, PlanFile } from '#lib/domain/schema.ts';
import { slug } from '#lib/ids.ts';
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
