/**
 * Applying changes to a plan, in memory and pure: the heart of the one write path (see
 * `server/write.ts`). A change touches one entity; applying it gives the next plan, which shares
 * every untouched entity object (===) with the one before, so caches keyed by entity survive an
 * edit. Only the changed entity and the references it touches are validated — whole-plan
 * validation is for imports — so an edit costs the same at 30 items and at 5,000. What a batch
 * changed, list by list, is `plan-diff.ts` (re-exported here).
 */
import type { z } from 'zod';
import {
	Assignment,
	Commitment,
	Dependency,
	Group,
	Item,
	Location,
	Person,
	type PlanFile
} from './schema.ts';

import { ENTITY_LISTS, type Entity, type EntityKind, type EntityList } from './plan-diff.ts';

export {
	canonicalJson,
	diffOfApplied,
	diffPlans,
	emptyDiff,
	ENTITY_KINDS,
	ENTITY_LISTS,
	sameEntity,
	type Entity,
	type EntityKind,
	type EntityList,
	type PlanDiff
} from './plan-diff.ts';

const SCHEMAS: Record<EntityKind, z.ZodType> = {
	item: Item,
	assignment: Assignment,
	dependency: Dependency,
	person: Person,
	group: Group,
	location: Location,
	commitment: Commitment
};

/**
 * One change to one entity. `create` takes `value`; `update` takes `value` (the whole entity) or
 * `patch` (given the entity as it is inside the write); `delete` removes it (an item is kept
 * soft-deleted by storage, and what hangs on it goes with it).
 */
export type Change = {
	entity: EntityKind;
	id: string;
	action: 'create' | 'update' | 'delete';
	value?: unknown;
	patch?: (before: Entity) => unknown;
	/** The version the editor saw; a different current version is a conflict (checked by storage). */
	expected?: string;
	/** Only entities whose `person` (or, for people, `id`) is this may be touched. */
	owner?: string;
};

/** A field-level problem, named by the entity's own field ("linkedTo", "when"). */
export type FieldIssue = { field: string; message: string };

/** The change would make the plan invalid; nothing was written. */
export class EditInvalid extends Error {
	readonly issues: FieldIssue[];
	/** Which change of a batch was refused (its index), when the write knows. */
	at: number | undefined;
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

/** What one applied change did: the entity before and after, and what went with it. */
export type Applied = {
	change: Change;
	before: Entity | null;
	after: Entity | null;
	/** Entities removed along with a deleted item (its assignments, dependencies, commitments). */
	cascaded: { entity: EntityKind; value: Entity }[];
};

const ownerOf = (entity: EntityKind, e: Entity): unknown => (entity === 'person' ? e.id : e.person);

/** "when.end" from a zod issue path; the first segment names the field. */
function issuesOf(error: z.ZodError): FieldIssue[] {
	return error.issues.map((i) => ({
		field: i.path.length ? String(i.path[0]) : 'form',
		message: i.message
	}));
}

/** Id -> position maps of lists nobody writes to, shared between writes (lists are immutable). */
const indexCache = new WeakMap<readonly Entity[], Map<string, number>>();

function indexOf(list: readonly Entity[]): Map<string, number> {
	let map = indexCache.get(list);
	if (!map) {
		map = new Map(list.map((e, i) => [e.id, i]));
		indexCache.set(list, map);
	}
	return map;
}

/**
 * A plan being changed: each list is copied once, on its first write, and looked up through an
 * id index, so a batch of N changes costs O(N + size of the lists it writes), not O(N × size).
 */
export class PlanDraft {
	readonly base: PlanFile;
	#lists = new Map<
		EntityList,
		{ arr: (Entity | null)[]; map: Map<string, number>; holes: number }
	>();

	constructor(base: PlanFile) {
		this.base = base;
	}

	#read(list: EntityList): readonly (Entity | null)[] {
		return this.#lists.get(list)?.arr ?? this.base[list];
	}

	#writable(list: EntityList) {
		let w = this.#lists.get(list);
		if (!w) {
			const arr = [...(this.base[list] as unknown as Entity[])];
			w = { arr, map: new Map(indexOf(this.base[list])), holes: 0 };
			this.#lists.set(list, w);
		}
		return w;
	}

	get(list: EntityList, id: unknown): Entity | null {
		if (typeof id !== 'string') return null;
		const w = this.#lists.get(list);
		const i = w ? w.map.get(id) : indexOf(this.base[list]).get(id);
		return i === undefined ? null : (this.#read(list)[i] ?? null);
	}

	has(list: EntityList, id: unknown): boolean {
		return this.get(list, id) !== null;
	}

	/** Every live entity of a list matching `hit` (a scan: for deletes and kind changes only). */
	filter<T = Entity>(list: EntityList, hit: (e: T) => boolean): T[] {
		const out: T[] = [];
		for (const e of this.#read(list)) if (e !== null && hit(e as T)) out.push(e as T);
		return out;
	}

	set(list: EntityList, e: Entity): void {
		const w = this.#writable(list);
		const i = w.map.get(e.id);
		if (i === undefined) {
			w.map.set(e.id, w.arr.length);
			w.arr.push(e);
		} else w.arr[i] = e;
	}

	remove(list: EntityList, id: string): void {
		const w = this.#writable(list);
		const i = w.map.get(id);
		if (i === undefined) return;
		w.arr[i] = null;
		w.map.delete(id);
		w.holes++;
	}

	/** The changed plan; lists nobody wrote to are the base's own arrays. */
	finish(): PlanFile {
		const next = { ...this.base } as Record<string, unknown>;
		for (const [list, w] of this.#lists) {
			next[list] = w.holes ? w.arr.filter((e) => e !== null) : w.arr;
		}
		return next as PlanFile;
	}
}

/**
 * The references an entity makes, checked against the plan it will be part of. Returns field
 * issues; empty when every reference resolves.
 */
// Long: one case per entity kind, each naming the references that kind makes.
export function checkReferences(plan: PlanDraft, entity: EntityKind, e: Entity): FieldIssue[] {
	const out: FieldIssue[] = [];
	const need = (field: string, list: EntityList, id: unknown, what: string) => {
		if (id !== null && id !== undefined && !plan.has(list, id)) {
			out.push({ field, message: `refers to unknown ${what} ${JSON.stringify(id)}` });
		}
	};
	const place = (field: string, value: unknown) => {
		if (value !== 'online') need(field, 'locations', value, 'location');
	};
	switch (entity) {
		case 'item': {
			place('location', e.location);
			need('group', 'groups', e.group, 'group');
			if (e.linkedTo !== null && e.linkedTo !== undefined) {
				const target = plan.get('items', e.linkedTo);
				if (e.linkedTo === e.id) {
					out.push({ field: 'linkedTo', message: 'an item cannot link to itself' });
				} else if (!target) need('linkedTo', 'items', e.linkedTo, 'item');
				else if (target.kind !== 'event') {
					out.push({
						field: 'linkedTo',
						message: `links to "${target.id}", which is not an event`
					});
				}
			}
			if (e.kind !== 'event') {
				const linked = plan.filter<{ id: string; linkedTo?: unknown }>(
					'items',
					(i) => i.linkedTo === e.id
				);
				if (linked.length) {
					out.push({
						field: 'kind',
						message: `other items happen at this event (${linked.map((i) => i.id).join(', ')}); it must stay an event`
					});
				}
			}
			break;
		}
		case 'assignment':
			need('item', 'items', e.item, 'item');
			need('person', 'people', e.person, 'person');
			need('group', 'groups', e.group, 'group');
			break;
		case 'dependency':
			need('from', 'items', e.from, 'item');
			need('to', 'items', e.to, 'item');
			break;
		case 'commitment':
			need('person', 'people', e.person, 'person');
			need('item', 'items', e.item, 'item');
			place('place', e.place);
			if (!e.item && !e.when) out.push({ field: 'when', message: 'needs a date or an item' });
			break;
		case 'group': {
			const members = Array.isArray(e.members) ? (e.members as unknown[]) : [];
			for (const m of members) need('members', 'people', m, 'person');
			if (plan.has('people', e.id)) {
				out.push({ field: 'id', message: `"${e.id}" is already a person's id` });
			}
			break;
		}
		case 'person':
			if (plan.has('groups', e.id)) {
				out.push({ field: 'id', message: `"${e.id}" is already a group's id` });
			}
			break;
		case 'location':
			break;
	}
	return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Who still points at an entity that is about to be deleted, as a sentence part; null if nobody. */
export function referencedBy(plan: PlanDraft, entity: EntityKind, id: string): string | null {
	const parts: string[] = [];
	const add = (list: { id: string }[], what: string) => {
		if (!list.length) return;
		const names = list
			.slice(0, 3)
			.map((e) => e.id)
			.join(', ');
		parts.push(`${plural(list.length, what)} (${names}${list.length > 3 ? ', …' : ''})`);
	};
	type Row = { id: string } & Record<string, unknown>;
	if (entity === 'person') {
		add(
			plan.filter<Row>('assignments', (a) => a.person === id),
			'assignment'
		);
		add(
			plan.filter<Row>('groups', (g) => Array.isArray(g.members) && g.members.includes(id)),
			'group'
		);
		add(
			plan.filter<Row>('commitments', (c) => c.person === id && c.source === 'event'),
			'outside-event commitment'
		);
	} else if (entity === 'group') {
		add(
			plan.filter<Row>('assignments', (a) => a.group === id),
			'assignment'
		);
		add(
			plan.filter<Row>('items', (i) => i.group === id),
			'item'
		);
	} else if (entity === 'location') {
		add(
			plan.filter<Row>('items', (i) => i.location === id),
			'item'
		);
		add(
			plan.filter<Row>('commitments', (c) => c.place === id),
			'commitment'
		);
	}
	return parts.length ? parts.join(', ') : null;
}

/**
 * Applies one change to the draft. Throws EditInvalid, EditNotFound or EditForbidden (the draft
 * may then be half-changed: throw it away). Conflicts (expected versions) are storage's to check,
 * since revisions live there.
 */
// Long: create, update, patch and delete share one entity's checks.
export function applyToDraft(draft: PlanDraft, change: Change): Applied {
	const { entity, id } = change;
	const list = ENTITY_LISTS[entity];
	const before = draft.get(list, id);
	const owned = (e: Entity) => change.owner === undefined || ownerOf(entity, e) === change.owner;
	if (before !== null && !owned(before)) {
		throw new EditForbidden('You can only change your own entries.');
	}

	let raw: unknown;
	if (change.action === 'create') {
		if (before !== null) throw new EditInvalid([{ field: 'id', message: 'is already used' }]);
		raw = change.value;
	} else {
		if (before === null) throw new EditNotFound(entity, id);
		raw = change.action === 'delete' ? null : change.patch ? change.patch(before) : change.value;
	}

	let after: Entity | null = null;
	if (raw !== null) {
		const parsed = SCHEMAS[entity].safeParse(raw);
		if (!parsed.success) throw new EditInvalid(issuesOf(parsed.error));
		after = parsed.data as Entity;
		if (after.id !== id) {
			throw new EditInvalid([{ field: 'id', message: `cannot change (is "${id}")` }]);
		}
		if (!owned(after)) throw new EditForbidden('You can only change your own entries.');
	}

	const cascaded: Applied['cascaded'] = [];
	if (after === null) {
		const users = referencedBy(draft, entity, id);
		if (users !== null) {
			throw new EditInvalid([
				{ field: 'form', message: `This ${entity} is still used by ${users}; change those first.` }
			]);
		}
		if (entity === 'item') {
			const linked = draft.filter<Entity>('items', (i) => i.linkedTo === id);
			if (linked.length) {
				throw new EditInvalid([
					{
						field: 'form',
						message: `Other items happen at this event (${linked.map((i) => i.id).join(', ')}); unlink them first.`
					}
				]);
			}
		}
		const drop = (kind: EntityKind, hit: (e: Entity) => boolean) => {
			for (const e of draft.filter<Entity>(ENTITY_LISTS[kind], hit)) {
				cascaded.push({ entity: kind, value: e });
				draft.remove(ENTITY_LISTS[kind], e.id);
			}
		};
		if (entity === 'item') {
			drop('assignment', (a) => a.item === id);
			drop('dependency', (d) => d.from === id || d.to === id);
			drop('commitment', (c) => c.item === id);
		} else if (entity === 'person') {
			// A person's own busy periods are theirs alone and leave with them.
			drop('commitment', (c) => c.person === id);
		}
		draft.remove(list, id);
	} else {
		draft.set(list, after);
		const issues = checkReferences(draft, entity, after);
		if (issues.length) throw new EditInvalid(issues);
	}
	return { change, before, after, cascaded };
}

/** Applies changes in order; the first refusal throws and nothing of the batch counts. */
export function applyChanges(
	plan: PlanFile,
	changes: readonly Change[]
): { plan: PlanFile; applied: Applied[] } {
	const draft = new PlanDraft(plan);
	const applied = changes.map((c) => applyToDraft(draft, c));
	return { plan: draft.finish(), applied };
}
