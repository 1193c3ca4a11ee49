/**
 * What changed between two plans, per entity list: the ids added, changed or removed, whether a
 * list was reordered, whether the plan's header changed. The write path (`server/write.ts`) uses
 * it to write only the rows that changed; `canonicalJson` says whether two versions of an entity
 * say the same whatever the order of their keys.
 */
import type { Applied } from './plan-changes.ts';
import type { PlanFile } from './schema.ts';

/** The list of the plan each kind of entity lives in. */
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
export type EntityList = (typeof ENTITY_LISTS)[EntityKind];
export const ENTITY_KINDS = Object.keys(ENTITY_LISTS) as EntityKind[];

export type Entity = { id: string } & Record<string, unknown>;

/**
 * JSON with object keys sorted at every level, so comparisons do not depend on the order in which
 * keys happen to be written. `undefined` members drop out as in `JSON.stringify`.
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

/** Whether two versions of an entity say the same (identity first: untouched entities are ===). */
export function sameEntity(a: unknown, b: unknown): boolean {
	return a === b || canonicalJson(a) === canonicalJson(b);
}

/** Ids per list whose entity was added, changed or removed between two plans. */
export type PlanDiff = Record<EntityList, { changed: Set<string>; removed: Set<string> }> & {
	/** Lists whose order differs (an import that reorders): storage rewrites their positions. */
	reordered: Set<EntityList>;
	header: boolean;
};

export function emptyDiff(): PlanDiff {
	const d = { reordered: new Set<EntityList>(), header: false } as PlanDiff;
	for (const list of Object.values(ENTITY_LISTS))
		d[list] = { changed: new Set(), removed: new Set() };
	return d;
}

/** What changed between two whole plans (an import); untouched entities compare by identity. */
export function diffPlans(before: PlanFile | null, after: PlanFile): PlanDiff {
	const diff = emptyDiff();
	for (const list of Object.values(ENTITY_LISTS)) {
		const old = (before?.[list] ?? []) as unknown as Entity[];
		const now = after[list] as unknown as Entity[];
		const byId = new Map(old.map((e) => [e.id, e]));
		for (const e of now) {
			const prev = byId.get(e.id);
			if (prev === undefined || !sameEntity(prev, e)) diff[list].changed.add(e.id);
			byId.delete(e.id);
		}
		for (const id of byId.keys()) diff[list].removed.add(id);
		const oldOrder = old.filter((e) => !diff[list].removed.has(e.id)).map((e) => e.id);
		const newOrder = now.map((e) => e.id);
		if (!sameOrder(oldOrder, newOrder, old)) diff.reordered.add(list);
	}
	const header = (p: PlanFile | null) =>
		p &&
		canonicalJson({
			...p,
			people: 0,
			groups: 0,
			locations: 0,
			items: 0,
			assignments: 0,
			dependencies: 0,
			commitments: 0
		});
	diff.header = header(before) !== header(after);
	return diff;
}

/** Whether the kept entities keep their relative order (new ones may only be appended). */
function sameOrder(oldOrder: string[], newOrder: string[], old: Entity[]): boolean {
	const existed = new Set(old.map((e) => e.id));
	const kept = newOrder.filter((id) => existed.has(id));
	if (kept.length !== oldOrder.length) return false;
	for (let i = 0; i < kept.length; i++) if (kept[i] !== oldOrder[i]) return false;
	// New entities must all come after the kept ones, or positions need rewriting.
	let seenNew = false;
	for (const id of newOrder) {
		if (!existed.has(id)) seenNew = true;
		else if (seenNew) return false;
	}
	return true;
}

/** The diff of a batch of applied changes, without comparing whole plans. */
export function diffOfApplied(applied: readonly Applied[]): PlanDiff {
	const diff = emptyDiff();
	const mark = (entity: EntityKind, id: string, removed: boolean) => {
		const d = diff[ENTITY_LISTS[entity]];
		if (removed) {
			d.changed.delete(id);
			d.removed.add(id);
		} else {
			d.removed.delete(id);
			d.changed.add(id);
		}
	};
	for (const a of applied) {
		mark(a.change.entity, a.change.id, a.after === null);
		for (const c of a.cascaded) mark(c.entity, c.value.id, true);
	}
	return diff;
}
