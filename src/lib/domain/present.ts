/**
 * Plain view models for pages: every date already written for the viewer's locale, every
 * reference already resolved. Pages stay dumb and the browser needs no date library to show them.
 */
import { formatBounds, formatTimedRange } from './dates.ts';
import {
	assigneeName,
	assigneeShort,
	KIND_LABEL,
	leadsOf,
	type Assignee,
	type PlanIndex
} from './plan-index.ts';
import type { Item, ItemKind, ItemStatus, Role } from './schema.ts';

export type AssigneeView = {
	label: string;
	short: string;
	href: string | null;
	unresolved: boolean;
	inferred?: boolean;
};

export type ItemRow = {
	id: string;
	href: string;
	kind: ItemKind;
	kindLabel: string;
	title: string;
	/** The plan's own wording ("early May 2024"). */
	wording: string;
	/** The resolved window ("1–10 May 2024"). */
	bounds: string;
	exact: boolean;
	status: ItemStatus;
	leads: AssigneeView[];
	place: string | null;
	/** The local time(s) for timed items, in the item's zone. */
	time: string | null;
};

export function assigneeView(a: Assignee, inferred = false): AssigneeView {
	return {
		label: assigneeName(a),
		short: assigneeShort(a),
		href: a.type === 'person' ? `/people/${a.person.id}` : null,
		unresolved: a.type === 'unresolved',
		...(inferred ? { inferred } : {})
	};
}

export function placeLabel(index: PlanIndex, place: string | null): string | null {
	if (place === null) return null;
	if (place === 'online') return 'Online';
	const loc = index.locations.get(place);
	return loc ? (loc.venue ? `${loc.venue}, ${loc.city}` : loc.city) : place;
}

/** "Mon 18 Dec 2023, 17:00 CET – Mon 18 Dec 2023, 18:00 CET": a timed item on `zone`'s clock. */
export function formatTimedIn(
	timed: { start: string; end: string },
	zone: string,
	locale: string
): string {
	return formatTimedRange(timed.start, timed.end, zone, locale);
}

/** `zone` writes timed items on that zone's clock; by default, the zone they were planned in. */
export function itemRow(index: PlanIndex, item: Item, locale: string, zone?: string): ItemRow {
	const r = index.dates.get(item.id);
	const wording = item.when.text?.trim() || r?.label || 'TBD';
	return {
		id: item.id,
		href: `/items/${item.id}`,
		kind: item.kind,
		kindLabel: KIND_LABEL[item.kind].one,
		title: item.title,
		wording,
		bounds: r ? formatBounds(r, locale) : 'undated',
		exact: r?.exact ?? false,
		status: item.status,
		leads: leadsOf(index, item.id).map((a) => assigneeView(a)),
		place: placeLabel(index, item.location),
		time: r?.timed ? formatTimedIn(r.timed, zone ?? r.timed.zone, locale) : null
	};
}

export type AssignmentView = {
	role: Role;
	who: string;
	assignee: AssigneeView;
	note: string | null;
};

export type ItemDetail = ItemRow & {
	description: string | null;
	source: string | null;
	track: string | null;
	group: { id: string; name: string } | null;
	people: AssignmentView[];
	linkedEvent: ItemRow | null;
	linkedHere: ItemRow[];
	before: { item: ItemRow; lagDays: number }[];
	after: { item: ItemRow; lagDays: number }[];
};

export function itemDetail(index: PlanIndex, item: Item, locale: string): ItemDetail {
	const row = (i: Item) => itemRow(index, i, locale);
	const linked = item.linkedTo ? index.items.get(item.linkedTo) : undefined;
	const group = item.group ? index.groups.get(item.group) : undefined;
	const deps = (list: typeof index.plan.dependencies, end: 'from' | 'to') =>
		list.flatMap((d) => {
			const other = index.items.get(d[end]);
			return other ? [{ item: row(other), lagDays: d.lagDays }] : [];
		});
	return {
		...row(item),
		description: item.description ?? null,
		source: item.source ?? null,
		track: item.track ?? null,
		group: group ? { id: group.id, name: group.name } : null,
		people: (index.assignmentsByItem.get(item.id) ?? []).map((a) => ({
			role: a.role,
			who: a.who,
			assignee: assigneeView(a.assignee, a.inferred),
			note: a.note ?? null
		})),
		linkedEvent: linked ? row(linked) : null,
		linkedHere: (index.linkedItems.get(item.id) ?? []).map(row),
		before: deps(index.predecessors.get(item.id) ?? [], 'from'),
		after: deps(index.successors.get(item.id) ?? [], 'to')
	};
}
