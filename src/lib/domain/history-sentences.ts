/**
 * One sentence per recorded change, as a person reads the history: "moved *First two-day
 * face-to-face Panel meeting* from 25 or 26 to 27 or 28 Feb 2024 to 18–19 Feb 2024". Pure; names
 * come from lookups the caller passes. Busy reasons never appear here (they may be private): the
 * field list under the sentence shows them to those who may read them.
 */
import { whenText } from './changes.ts';
import type { DateSpec } from './schema.ts';

export type SentenceInput = {
	entity: string;
	entityId: string;
	action: string;
	before: unknown;
	after: unknown;
};

export type Names = {
	item: (id: string) => string | undefined;
	person: (id: string) => string | undefined;
	group: (id: string) => string | undefined;
};

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | null => (v !== null && typeof v === 'object' ? (v as Rec) : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const quote = (s: string) => `“${s}”`;

function itemName(id: string | undefined, value: Rec | null, names: Names): string {
	const title = str(value?.title) ?? (id ? names.item(id) : undefined);
	return quote(title ?? id ?? 'an item');
}

function when(v: unknown): string | null {
	const spec = rec(v);
	return spec && typeof spec.type === 'string' ? whenText(spec as DateSpec) : null;
}

const FIELD_NAMES: Record<string, string> = {
	title: 'title',
	status: 'status',
	location: 'place',
	kind: 'kind',
	linkedTo: 'event',
	group: 'group',
	description: 'description',
	track: 'lane',
	role: 'role',
	zone: 'time zone',
	workingHours: 'working hours',
	members: 'members',
	name: 'name'
};

/** The fields that differ, in words ("title and status"). */
function changedList(before: Rec, after: Rec): string[] {
	const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
	return keys
		.filter((k) => k !== 'id' && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
		.map((k) => FIELD_NAMES[k] ?? k);
}

const and = (parts: string[]) =>
	parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

function personOrGroup(a: Rec, names: Names): string {
	const person = str(a.person);
	const group = str(a.group);
	return (
		(person && names.person(person)) ?? (group && names.group(group)) ?? str(a.who) ?? 'someone'
	);
}

/** An item added, removed, moved, decided, renamed or otherwise changed. */
function itemSentence(
	r: SentenceInput,
	before: Rec | null,
	after: Rec | null,
	names: Names
): string {
	const name = itemName(r.entityId, after ?? before, names);
	if (r.action === 'create') return `added ${name} (${when(after?.when) ?? 'no date'})`;
	if (r.action === 'delete') return `removed ${name} from the plan`;
	if (!before || !after) return `changed ${name}`;
	const parts: string[] = [];
	const a = when(before.when);
	const b = when(after.when);
	const moved = a !== b && a !== null && b !== null;
	const decided = moved && after.status === 'confirmed' && before.status !== 'confirmed';
	const rest = changedList(before, after).filter(
		(f) => f !== 'when' && !(decided && f === 'status')
	);
	if (decided) parts.push(`${name}: decided ${b}; was ${a}`);
	else if (moved) parts.push(`moved ${name} from ${a} to ${b}`);
	if (before.title !== after.title && typeof before.title === 'string') {
		parts.push(`renamed ${quote(before.title)} to ${quote(String(after.title))}`);
	}
	const others = rest.filter((f) => f !== 'title');
	if (others.length) parts.push(`changed the ${and(others)} of ${name}`);
	return parts.length ? parts.join('; ') : `saved ${name} unchanged`;
}

/** A busy time or outside event added, removed or changed, or a calendar imported or removed. */
function commitmentSentence(r: SentenceInput, c: Rec, names: Names): string {
	const person = str(c.person);
	const who = (person && names.person(person)) ?? person ?? 'someone';
	const dates = when(c.when) ?? (str(c.item) ? `at ${itemName(str(c.item), null, names)}` : '');
	const what = c.source === 'event' ? 'an outside event' : 'a busy time';
	if (r.action === 'create') return `added ${what} for ${who} (${dates})`;
	if (r.action === 'delete') return `removed ${what} of ${who} (${dates})`;
	const calendar = str(c.calendar);
	const n = (k: string) => (typeof c[k] === 'number' ? c[k] : 0);
	if (r.action === 'import' && calendar !== undefined)
		return `imported busy times for ${who} from ${quote(calendar)}: ${n('added')} new, ${n('changed')} changed, ${n('removed')} removed`;
	if (r.action === 'import') return `imported busy times for ${who}`;
	if (r.action === 'remove-source')
		return `removed the calendar ${quote(calendar ?? '')} of ${who} and its ${n('removed')} busy times`;
	return `changed ${what} of ${who} (${dates})`;
}

/**
 * One change in a sentence, one case per entity kind so the sentences read side by side; an item's
 * and a busy time's, which have the most to say, are their own functions.
 */
export function changeSentence(r: SentenceInput, names: Names): string {
	const before = rec(r.before);
	const after = rec(r.after);
	const value = after ?? before;
	switch (r.entity) {
		case 'plan': {
			const s = rec(r.after) ?? {};
			const count = (k: string) => (Array.isArray(s[k]) ? (s[k] as unknown[]).length : 0);
			const verb = r.action === 'seed' ? 'loaded the demo plan' : 'imported the plan file';
			return `${verb}: ${count('added')} items added, ${count('changed')} changed, ${count('removed')} removed`;
		}
		case 'item':
			return itemSentence(r, before, after, names);
		case 'assignment': {
			const a = value ?? {};
			const item = itemName(str(a.item), null, names);
			const who = personOrGroup(a, names);
			if (r.action === 'create') return `put ${who} on ${item} as ${str(a.role) ?? 'member'}`;
			if (r.action === 'delete') return `took ${who} off ${item}`;
			return `changed ${who}'s part in ${item} (${and(changedList(before ?? {}, after ?? {}))})`;
		}
		case 'dependency': {
			const d = value ?? {};
			const from = itemName(str(d.from), null, names);
			const to = itemName(str(d.to), null, names);
			if (r.action === 'delete') return `no longer has ${to} wait for ${from}`;
			return `made ${to} wait for ${from}`;
		}
		case 'commitment':
			return commitmentSentence(r, value ?? {}, names);
		case 'person':
		case 'group':
		case 'location': {
			const label = str(value?.name) ?? str(value?.city) ?? r.entityId;
			const kind = r.entity === 'location' ? 'place' : r.entity;
			if (r.action === 'create') return `added the ${kind} ${label}`;
			if (r.action === 'delete') return `removed the ${kind} ${label}`;
			const fields = changedList(before ?? {}, after ?? {});
			return `changed the ${and(fields)} of the ${kind} ${label}`;
		}
		default:
			return `${r.action} ${r.entity} ${r.entityId}`;
	}
}
