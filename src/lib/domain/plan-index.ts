/**
 * Lookups over a PlanFile that every view needs: who is on what, what an item depends on, what an
 * item's resolved dates are. Built once per plan; pure.
 */
import { resolve, type Resolved } from './dates.ts';
import type {
	Assignment,
	DateSpec,
	Dependency,
	Group,
	Item,
	ItemKind,
	Location,
	Person,
	PlanFile,
	Role
} from './schema.ts';

export const KIND_ORDER: readonly ItemKind[] = [
	'event',
	'activity',
	'deadline',
	'meeting',
	'action'
];

export const KIND_LABEL: Record<ItemKind, { one: string; many: string }> = {
	event: { one: 'Outside event', many: 'Outside events' },
	activity: { one: 'Activity', many: 'Activities' },
	deadline: { one: 'Deadline', many: 'Deadlines' },
	meeting: { one: 'Meeting', many: 'Meetings' },
	action: { one: 'Action item', many: 'Action items' }
};

export const ROLE_ORDER: readonly Role[] = ['lead', 'speaker', 'support', 'required', 'optional'];

/** Who an assignment names, ready to show: a person, a group, or the plan's unresolved words. */
export type Assignee =
	| { type: 'person'; person: Person }
	| { type: 'group'; group: Group }
	| { type: 'unresolved'; words: string };

export type ResolvedAssignment = Assignment & { assignee: Assignee };

export type PlanIndex = {
	plan: PlanFile;
	people: Map<string, Person>;
	groups: Map<string, Group>;
	locations: Map<string, Location>;
	items: Map<string, Item>;
	dates: Map<string, Resolved>;
	assignmentsByItem: Map<string, ResolvedAssignment[]>;
	/** Direct assignments of a person plus those of the groups they belong to. */
	assignmentsByPerson: Map<string, ResolvedAssignment[]>;
	groupsByPerson: Map<string, Group[]>;
	predecessors: Map<string, Dependency[]>;
	successors: Map<string, Dependency[]>;
	linkedItems: Map<string, Item[]>;
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

const roleRank = (r: Role) => ROLE_ORDER.indexOf(r);

/**
 * The write path keeps an unchanged entity the same object from one plan version to the next, so
 * what is derived from one entity alone is kept by that object: a new version is indexed for the
 * cost of its changes, and resolved assignments stay the same objects too (which lets the clash
 * engine reuse its per-person work, see commitments.ts). Read-only once made.
 */
const resolvedDates = new WeakMap<DateSpec, Resolved>();
function resolvedOf(spec: DateSpec): Resolved {
	let r = resolvedDates.get(spec);
	if (!r) resolvedDates.set(spec, (r = resolve(spec)));
	return r;
}

const resolvedAssignments = new WeakMap<Assignment, ResolvedAssignment>();
function resolvedAssignment(
	a: Assignment,
	person: Person | undefined,
	group: Group | undefined
): ResolvedAssignment {
	const hit = resolvedAssignments.get(a);
	const was = hit?.assignee;
	if (
		hit &&
		(person
			? was?.type === 'person' && was.person === person
			: group
				? was?.type === 'group' && was.group === group
				: was?.type === 'unresolved')
	)
		return hit;
	const assignee: Assignee = person
		? { type: 'person', person }
		: group
			? { type: 'group', group }
			: { type: 'unresolved', words: a.who };
	const resolved = { ...a, assignee };
	resolvedAssignments.set(a, resolved);
	return resolved;
}

export function indexPlan(plan: PlanFile): PlanIndex {
	const people = new Map(plan.people.map((p) => [p.id, p]));
	const groups = new Map(plan.groups.map((g) => [g.id, g]));
	const locations = new Map(plan.locations.map((l) => [l.id, l]));
	const items = new Map<string, Item>();
	const dates = new Map<string, Resolved>();
	for (const i of plan.items) {
		items.set(i.id, i);
		dates.set(i.id, resolvedOf(i.when));
	}

	const groupsByPerson = new Map<string, Group[]>();
	for (const g of plan.groups) for (const m of g.members) push(groupsByPerson, m, g);

	const assignmentsByItem = new Map<string, ResolvedAssignment[]>();
	const assignmentsByPerson = new Map<string, ResolvedAssignment[]>();
	for (const a of plan.assignments) {
		const person = a.person ? people.get(a.person) : undefined;
		const group = a.group ? groups.get(a.group) : undefined;
		const resolved = resolvedAssignment(a, person, group);
		push(assignmentsByItem, a.item, resolved);
		if (person) push(assignmentsByPerson, person.id, resolved);
		if (group) for (const m of group.members) push(assignmentsByPerson, m, resolved);
	}
	for (const list of assignmentsByItem.values()) {
		if (list.length > 1) list.sort((x, y) => roleRank(x.role) - roleRank(y.role));
	}

	const predecessors = new Map<string, Dependency[]>();
	const successors = new Map<string, Dependency[]>();
	for (const d of plan.dependencies) {
		push(predecessors, d.to, d);
		push(successors, d.from, d);
	}
	const linkedItems = new Map<string, Item[]>();
	for (const i of plan.items) if (i.linkedTo) push(linkedItems, i.linkedTo, i);

	return {
		plan,
		people,
		groups,
		locations,
		items,
		dates,
		assignmentsByItem,
		assignmentsByPerson,
		groupsByPerson,
		predecessors,
		successors,
		linkedItems
	};
}

/** The item's leads, as short names: initials for people, the plan's words otherwise. */
export function leadsOf(index: PlanIndex, itemId: string): Assignee[] {
	return (index.assignmentsByItem.get(itemId) ?? [])
		.filter((a) => a.role === 'lead')
		.map((a) => a.assignee);
}

export function assigneeShort(a: Assignee): string {
	if (a.type === 'person') return a.person.initials ?? a.person.name;
	if (a.type === 'group') return a.group.short ?? a.group.name;
	return a.words;
}

export function assigneeName(a: Assignee): string {
	if (a.type === 'person') return a.person.name;
	if (a.type === 'group') return a.group.name;
	return `${a.words} (unresolved)`;
}

/** Items sorted by their earliest possible day; undated items last, then by title. */
export function byDate(index: PlanIndex): (a: Item, b: Item) => number {
	return (a, b) => {
		const ea = index.dates.get(a.id)?.earliest ?? '9999-12-31';
		const eb = index.dates.get(b.id)?.earliest ?? '9999-12-31';
		if (ea !== eb) return ea < eb ? -1 : 1;
		const la = index.dates.get(a.id)?.latest ?? '9999-12-31';
		const lb = index.dates.get(b.id)?.latest ?? '9999-12-31';
		if (la !== lb) return la < lb ? -1 : 1;
		return a.title.localeCompare(b.title);
	};
}

/**
 * When an item linked to an outside event is dated outside that event's own dates, the plan and
 * the world disagree (the plan says "early May" for NETmundial+10, which was 29–30 April).
 */
export function linkedEventMismatch(
	index: PlanIndex,
	item: Item
): { event: Item; itemDates: Resolved; eventDates: Resolved } | null {
	if (!item.linkedTo) return null;
	const event = index.items.get(item.linkedTo);
	const itemDates = index.dates.get(item.id);
	const eventDates = index.dates.get(item.linkedTo);
	if (!event || !itemDates || !eventDates) return null;
	const { earliest: ie, latest: il } = itemDates;
	const { earliest: ee, latest: el } = eventDates;
	if (ie === null || il === null || ee === null || el === null) return null;
	const overlaps = ie <= el && ee <= il;
	return overlaps ? null : { event, itemDates, eventDates };
}
