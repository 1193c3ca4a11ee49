/**
 * What the /find page shows, as plain data for its components: the choices both tabs offer (the
 * people pickers, name suggestions, hosts, meetings, leads), and each tab's answer. Building them
 * needs no I/O; find-service.ts runs the search and reads the revision an organizer decides on.
 */
import type { Advice } from '#lib/domain/find-advice.ts';
import type { InPersonQuery, InPersonResult } from '#lib/domain/finder.ts';
import { hostChoices } from '#lib/domain/cities.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import type { Item } from '#lib/domain/schema.ts';
import type { VirtualResult } from '#lib/domain/virtual-finder.ts';
import type { InPersonForm, Picked, VirtualForm } from './find-forms.ts';

/** How many names the name field may suggest (a plan of thousands stays a page, not a book). */
const MAX_SUGGESTIONS = 3000;

/** Groups with their members, then everyone in no group: what the pickers list. */
function pickerOf(index: PlanIndex) {
	const nameOf = (id: string) => index.people.get(id)?.name ?? id;
	const grouped = new Set<string>();
	const picker = [...index.groups.values()].map((g) => {
		for (const m of g.members) grouped.add(m);
		return { id: g.id, name: g.name, members: g.members.map((m) => ({ id: m, name: nameOf(m) })) };
	});
	const others = [...index.people.values()].filter((x) => !grouped.has(x.id));
	if (others.length)
		picker.push({
			id: '',
			name: 'In no group',
			members: others.map((x) => ({ id: x.id, name: x.name }))
		});
	return picker;
}

/** What the name field suggests as you type: names, initials, groups, roles. */
function suggestionsOf(index: PlanIndex): string[] {
	const people = [...index.people.values()];
	const groups = [...index.groups.values()];
	return [
		...new Set([
			'all members',
			'everyone',
			...people.flatMap((x) => [x.name, ...(x.initials ? [x.initials] : [])]),
			...groups.flatMap((g) => [g.name, ...(g.short ? [g.short] : [])]),
			...people.map((x) => x.role).filter((r) => r.length <= 30)
		])
	].slice(0, MAX_SUGGESTIONS);
}

/** What both tabs offer, whatever was searched. */
export function finderChoices(index: PlanIndex, picked: Picked, canSave: boolean) {
	const people = [...index.people.values()];
	return {
		picker: pickerOf(index),
		picked,
		suggestions: suggestionsOf(index),
		/** Signed-in organizers can decide an item or save a candidate as a meeting from here. */
		canSave,
		leads: canSave ? people.map((x) => ({ id: x.id, name: x.name })) : [],
		people: Object.fromEntries(
			people.map((x) => [x.id, { name: x.name, initials: x.initials ?? null }])
		),
		hosts: hostChoices(index).map((l) => ({ id: l.id, city: l.city, country: l.country })),
		meetings: index.plan.items
			.filter((i) => i.kind === 'meeting')
			.map((i) => ({ id: i.id, title: i.title }))
	};
}
export type FinderChoices = ReturnType<typeof finderChoices>;

/** Deciding the item searched for: its id and the revision the organizer sees. */
export type DecideTarget = { item: string; revision: number; title: string };

/** The in-person answer: where, the windows, the advice, and what an organizer may decide. */
export function inPersonFound(
	q: InPersonQuery,
	result: InPersonResult,
	advice: Advice,
	target: { item: Item; revision: number } | null
) {
	const item = target?.item;
	return {
		host: { id: q.host.id, city: q.host.city },
		result,
		advice,
		total: q.required.length + q.optional.length,
		decide:
			item && target.revision
				? {
						item: item.id,
						revision: target.revision,
						title: item.title,
						/** Holds can be published while the item still has candidate windows. */
						canHold: item.when.type === 'candidates',
						holds: item.holds === true
					}
				: null
	};
}
export type InPersonFound = ReturnType<typeof inPersonFound>;

export type InPersonPage = FinderChoices & {
	tab: 'in-person';
	form: InPersonForm;
	/** Why the search could not run (a field typed wrong), or null. */
	error: string | null;
	found: InPersonFound | null;
};

export type VirtualPage = FinderChoices & {
	tab: 'virtual';
	form: VirtualForm;
	error: string | null;
	result: VirtualResult | null;
	decide: DecideTarget | null;
};

/** The call searched for, when an organizer may decide it on a slot. */
export function virtualDecide(
	target: { item: Item; revision: number } | null
): DecideTarget | null {
	return target?.revision
		? { item: target.item.id, revision: target.revision, title: target.item.title }
		: null;
}
