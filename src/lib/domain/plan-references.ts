/**
 * What an entity refers to and what refers to it, checked against the plan being changed: the
 * references a created or updated entity makes (an item's location, group and linked event, an
 * assignment's item and person …), and who still points at an entity about to be deleted.
 */
import type { Entity, EntityKind, EntityList } from './plan-diff.ts';
import type { FieldIssue } from './plan-changes.ts';
import type { PlanDraft } from './plan-draft.ts';

/** Records an issue for each reference that does not resolve in the plan. */
type Need = (field: string, list: EntityList, id: unknown, what: string) => void;

/** An item's references: its place, its group, and the event it happens at (never itself). */
function itemReferences(plan: PlanDraft, e: Entity, need: Need, out: FieldIssue[]): void {
	if (e.location !== 'online') need('location', 'locations', e.location, 'location');
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
}

/**
 * The references an entity makes, checked against the plan it will be part of. Returns field
 * issues; empty when every reference resolves.
 */
export function checkReferences(plan: PlanDraft, entity: EntityKind, e: Entity): FieldIssue[] {
	const out: FieldIssue[] = [];
	const need: Need = (field, list, id, what) => {
		if (id !== null && id !== undefined && !plan.has(list, id)) {
			out.push({ field, message: `refers to unknown ${what} ${JSON.stringify(id)}` });
		}
	};
	switch (entity) {
		case 'item':
			itemReferences(plan, e, need, out);
			break;
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
			if (e.place !== 'online') need('place', 'locations', e.place, 'location');
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
