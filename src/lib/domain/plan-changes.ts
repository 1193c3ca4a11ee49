/**
 * Applying changes to a plan, in memory and pure: the heart of the one write path (see
 * `server/write.ts`). A change touches one entity; applying it gives the next plan, which shares
 * every untouched entity object (===) with the one before, so caches keyed by entity survive an
 * edit. Only the changed entity and the references it touches are validated — whole-plan
 * validation is for imports — so an edit costs the same at 30 items and at 5,000. The draft a
 * batch writes into is `plan-draft.ts`, the reference checks `plan-references.ts`, and what a
 * batch changed, list by list, `plan-diff.ts` (all re-exported here, the write path's one import).
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

import { ENTITY_LISTS, type Entity, type EntityKind } from './plan-diff.ts';
import { PlanDraft } from './plan-draft.ts';
import { checkReferences, referencedBy } from './plan-references.ts';

export { PlanDraft } from './plan-draft.ts';
export { checkReferences, referencedBy } from './plan-references.ts';

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

/** The entity a change asks for, parsed and checked against the id and owner; null to delete. */
function parseAfter(change: Change, before: Entity | null, owned: (e: Entity) => boolean) {
	const { entity, id } = change;
	let raw: unknown;
	if (change.action === 'create') {
		if (before !== null) throw new EditInvalid([{ field: 'id', message: 'is already used' }]);
		raw = change.value;
	} else {
		if (before === null) throw new EditNotFound(entity, id);
		raw = change.action === 'delete' ? null : change.patch ? change.patch(before) : change.value;
	}
	if (raw === null) return null;
	const parsed = SCHEMAS[entity].safeParse(raw);
	if (!parsed.success) throw new EditInvalid(issuesOf(parsed.error));
	const after = parsed.data as Entity;
	if (after.id !== id) {
		throw new EditInvalid([{ field: 'id', message: `cannot change (is "${id}")` }]);
	}
	if (!owned(after)) throw new EditForbidden('You can only change your own entries.');
	return after;
}

/**
 * Deletes an entity nothing else still needs, with what hangs on it (an item's assignments,
 * dependencies and commitments; a person's busy periods); returns what went with it.
 */
function deleteFrom(draft: PlanDraft, entity: EntityKind, id: string): Applied['cascaded'] {
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
	const cascaded: Applied['cascaded'] = [];
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
	draft.remove(ENTITY_LISTS[entity], id);
	return cascaded;
}

/**
 * Applies one change to the draft. Throws EditInvalid, EditNotFound or EditForbidden (the draft
 * may then be half-changed: throw it away). Conflicts (expected versions) are storage's to check,
 * since revisions live there.
 */
export function applyToDraft(draft: PlanDraft, change: Change): Applied {
	const { entity, id } = change;
	const list = ENTITY_LISTS[entity];
	const before = draft.get(list, id);
	const owned = (e: Entity) => change.owner === undefined || ownerOf(entity, e) === change.owner;
	if (before !== null && !owned(before)) {
		throw new EditForbidden('You can only change your own entries.');
	}
	const after = parseAfter(change, before, owned);
	if (after === null) return { change, before, after, cascaded: deleteFrom(draft, entity, id) };
	draft.set(list, after);
	const issues = checkReferences(draft, entity, after);
	if (issues.length) throw new EditInvalid(issues);
	return { change, before, after, cascaded: [] };
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
