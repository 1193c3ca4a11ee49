/**
 * The plan's checks that span lists, which no single entry's schema can make: every id unique in
 * its list (and no id both a person and a group), every reference naming something that exists,
 * an item linked only to an event and never to itself, a commitment with a date or an item.
 * Each problem is reported with the path of the bad field, in the order the lists are written.
 */
import type { z } from 'zod';
import type { PlanShape } from '../schema.ts';

type Path = (string | number)[];

/** The ids each list holds, and how to report a problem. */
type Refs = {
	issue: (path: Path, message: string) => void;
	people: Set<string>;
	groups: Set<string>;
	locations: Set<string>;
	items: Set<string>;
};

/** Cross-references and uniqueness, reported with the path of the bad field. */
export function checkReferences(plan: PlanShape, ctx: z.RefinementCtx): void {
	const r = uniqueIds(plan, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
	plan.groups.forEach((g, i) =>
		g.members.forEach((m, j) => ref(r, r.people, m, ['groups', i, 'members', j]))
	);
	checkItems(plan, r);
	plan.assignments.forEach((a, i) => {
		ref(r, r.items, a.item, ['assignments', i, 'item']);
		ref(r, r.people, a.person, ['assignments', i, 'person']);
		ref(r, r.groups, a.group, ['assignments', i, 'group']);
	});
	plan.dependencies.forEach((d, i) => {
		ref(r, r.items, d.from, ['dependencies', i, 'from']);
		ref(r, r.items, d.to, ['dependencies', i, 'to']);
	});
	plan.commitments.forEach((c, i) => {
		ref(r, r.people, c.person, ['commitments', i, 'person']);
		ref(r, r.items, c.item, ['commitments', i, 'item']);
		place(r, c.place, ['commitments', i, 'place']);
		if (!c.item && !c.when) r.issue(['commitments', i, 'when'], 'needs a date or an item');
	});
}

/** Each list's ids, every duplicate reported; no id may be both a person and a group. */
function uniqueIds(plan: PlanShape, issue: Refs['issue']): Refs {
	const ids = (list: { id: string }[], name: string) => {
		const seen = new Set<string>();
		list.forEach((e, i) => {
			if (seen.has(e.id)) issue([name, i, 'id'], `duplicate id "${e.id}" in ${name}`);
			seen.add(e.id);
		});
		return seen;
	};
	const people = ids(plan.people, 'people');
	const groups = ids(plan.groups, 'groups');
	const locations = ids(plan.locations, 'locations');
	const items = ids(plan.items, 'items');
	ids(plan.assignments, 'assignments');
	ids(plan.dependencies, 'dependencies');
	ids(plan.commitments, 'commitments');
	for (const g of groups) {
		if (people.has(g)) issue(['groups'], `id "${g}" is used by both a person and a group`);
	}
	return { issue, people, groups, locations, items };
}

/** Items: their location, group and linked event exist; an item links only to an event, not itself. */
function checkItems(plan: PlanShape, r: Refs): void {
	const itemKind = new Map(plan.items.map((it) => [it.id, it.kind]));
	plan.items.forEach((it, i) => {
		place(r, it.location, ['items', i, 'location']);
		ref(r, r.items, it.linkedTo, ['items', i, 'linkedTo']);
		if (
			it.linkedTo &&
			itemKind.get(it.linkedTo) !== undefined &&
			itemKind.get(it.linkedTo) !== 'event'
		)
			r.issue(['items', i, 'linkedTo'], `links to "${it.linkedTo}", which is not an event`);
		if (it.linkedTo === it.id) r.issue(['items', i, 'linkedTo'], 'an item cannot link to itself');
		ref(r, r.groups, it.group, ['items', i, 'group']);
	});
}

function ref(r: Refs, set: Set<string>, value: string | null | undefined, path: Path): void {
	if (value != null && !set.has(value)) r.issue(path, `refers to unknown id "${value}"`);
}

/** A place is "online" or a location's id. */
function place(r: Refs, value: string | null, path: Path): void {
	if (value !== null && value !== 'online') ref(r, r.locations, value, path);
}
