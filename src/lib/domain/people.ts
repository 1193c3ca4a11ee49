/** View models for the people pages. Pure: the instant used for UTC offsets is an argument. */
import { DateTime } from 'luxon';
import { formatBounds, resolve } from './dates.ts';
import { ANONYMOUS, canSee, commitmentsByPerson, type Viewer } from './commitments.ts';
import type { PlanIndex } from './plan-index.ts';
import { byDate } from './plan-index.ts';
import { itemRow, placeLabel, type ItemRow } from './present.ts';
import type { Person, Role } from './schema.ts';

export type PersonRow = {
	id: string;
	href: string;
	name: string;
	initials: string | null;
	role: string;
	zone: string | null;
	/** "UTC+09:00" at the given instant, so people can compare at a glance. */
	offset: string | null;
	groups: string[];
};

export function offsetLabel(zone: string, atMillis: number): string {
	return `UTC${DateTime.fromMillis(atMillis, { zone }).toFormat('ZZ')}`;
}

export function personRow(index: PlanIndex, p: Person, atMillis: number): PersonRow {
	return {
		id: p.id,
		href: `/people/${p.id}`,
		name: p.name,
		initials: p.initials ?? null,
		role: p.role,
		zone: p.zone,
		offset: p.zone ? offsetLabel(p.zone, atMillis) : null,
		groups: (index.groupsByPerson.get(p.id) ?? []).map((g) => g.name)
	};
}

export type PersonDetail = PersonRow & {
	organization: string | null;
	notes: string | null;
	workingHours: string;
	assignments: { role: Role; via: string | null; item: ItemRow }[];
	commitments: {
		reason: string;
		when: string;
		place: string | null;
		strength: string;
		/** How it binds them: their role, "must attend" or "busy". */
		source: string;
		href: string | null;
	}[];
	/** Commitments beyond the ones listed (see COMMITMENTS_SHOWN). */
	moreCommitments: number;
};

/** What `p` is assigned to, in date order (without their commitments: cheap at any busy count). */
export function personAssignments(
	index: PlanIndex,
	p: Person,
	locale: string
): PersonDetail['assignments'] {
	const order = byDate(index);
	return [...(index.assignmentsByPerson.get(p.id) ?? [])]
		.filter((a) => index.items.has(a.item))
		.sort((a, b) => order(index.items.get(a.item)!, index.items.get(b.item)!))
		.map((a) => ({
			role: a.role,
			via: a.assignee.type === 'group' ? a.assignee.group.name : null,
			item: itemRow(index, index.items.get(a.item)!, locale)
		}));
}

/**
 * Most commitments a person's page lists, in date order. A member's imported calendars may hold
 * thousands of busy times (5,000 allowed); each is worded with its zone, so listing them all
 * took seconds and helped no one. The page says how many more there are.
 */
export const COMMITMENTS_SHOWN = 300;

export function personDetail(
	index: PlanIndex,
	p: Person,
	atMillis: number,
	locale: string,
	viewer: Viewer = ANONYMOUS
): PersonDetail {
	const assignments = personAssignments(index, p, locale);
	// Everything that binds them (assignments with a place or time, events, busy periods), as an
	// anonymous viewer may see it: a private busy period reads "Busy", without place or reason.
	const all = [...(commitmentsByPerson(index).get(p.id) ?? [])].sort(
		(a, b) => a.span.start - b.span.start
	);
	const commitments = all.slice(0, COMMITMENTS_SHOWN).map((c) => {
		const visible = canSee(c, viewer);
		const item = c.item ? index.items.get(c.item) : undefined;
		const r = resolve(c.when);
		return {
			reason: visible ? c.reason || item?.title || 'Busy' : 'Busy',
			when: r.exact ? formatBounds(r, locale) : `${r.label} (${formatBounds(r, locale)})`,
			place: visible ? placeLabel(index, c.place) : null,
			strength: c.strength,
			source:
				c.source.type === 'assignment'
					? `${c.source.role}${c.source.via ? ` (as ${index.groups.get(c.source.via)?.name ?? c.source.via})` : ''}`
					: c.source.type === 'event'
						? 'must attend'
						: 'busy',
			href: visible && item ? `/items/${item.id}` : null
		};
	});
	return {
		...personRow(index, p, atMillis),
		organization: p.organization ?? null,
		notes: p.notes ?? null,
		workingHours: `${p.workingHours.start}–${p.workingHours.end}`,
		assignments,
		commitments,
		moreCommitments: all.length - commitments.length
	};
}

// ---------------------------------------------------------------------------------------------
// People by any name: what an organizer types into "required" or "optional"

/** How one typed name was understood. */
export type NameMatch =
	| { token: string; kind: 'person'; id: string; label: string }
	/** A group stays a group: saving a meeting assigns the group, not its members one by one. */
	| { token: string; kind: 'group'; group: string; label: string; ids: string[] }
	/** A role or everyone ("Chair", "all members", "everyone"): the people who hold it now. */
	| { token: string; kind: 'role'; label: string; ids: string[] };

export type NameProblem = {
	token: string;
	/** Position in the list typed, for the field name (`required[2]`). */
	position: number;
	kind: 'unknown' | 'ambiguous';
	suggestions: { id: string; label: string }[];
	/** "“Lise Fur” is not anyone in the plan; did you mean Lise Fuhr (LF)?" */
	message: string;
};

export type NameResolution = {
	matches: NameMatch[];
	problems: NameProblem[];
	/** Every person named, once, in the order first named. */
	ids: string[];
};

/** Lower case, accents and punctuation other than letters/digits folded to single spaces. */
export function foldName(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Work a resolution may do: tokens beyond these are refused by the callers' zod limits anyway. */
const MAX_TOKENS = 2000;
const MAX_SUGGESTED = 20;

type NameTable = {
	people: {
		id: string;
		name: string;
		initials: string;
		fold: string;
		words: string[];
		role: string;
	}[];
	byKey: Map<string, Set<string>>;
	byId: Map<string, { name: string; initials: string }>;
	groups: { id: string; name: string; keys: string[]; members: string[]; kind: string }[];
};

const tables = new WeakMap<PlanIndex, NameTable>();

function tableOf(index: PlanIndex): NameTable {
	let t = tables.get(index);
	if (t) return t;
	const byKey = new Map<string, Set<string>>();
	const add = (key: string, id: string) => {
		if (key === '') return;
		let s = byKey.get(key);
		if (!s) byKey.set(key, (s = new Set()));
		s.add(id);
	};
	const people = [...index.people.values()].map((p) => {
		const fold = foldName(p.name);
		add(p.id, p.id);
		add(fold, p.id);
		if (p.initials) add(foldName(p.initials), p.id);
		return {
			id: p.id,
			name: p.name,
			initials: p.initials ?? '',
			fold,
			words: fold.split(' '),
			role: foldName(p.role)
		};
	});
	const groups = [...index.groups.values()].map((g) => ({
		id: g.id,
		name: g.name,
		keys: [g.id, foldName(g.name), ...(g.short ? [foldName(g.short)] : [])],
		members: [...g.members],
		kind: g.kind
	}));
	t = { people, byKey, byId: new Map(people.map((p) => [p.id, p])), groups };
	tables.set(index, t);
	return t;
}

function personLabel(p: { name: string; initials: string }): string {
	return p.initials ? `${p.name} (${p.initials})` : p.name;
}

/** Edit distance with an early exit once every cell exceeds `max` (a budget per pair). */
function distance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const v = Math.min(
				(prev[j] ?? 0) + 1,
				(cur[j - 1] ?? 0) + 1,
				(prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
			);
			cur.push(v);
			if (v < best) best = v;
		}
		if (best > max) return max + 1;
		prev = cur;
	}
	return prev[b.length] ?? max + 1;
}

/** The people (and groups) a mistyped name most likely meant, closest first, at most three. */
function suggest(t: NameTable, key: string): { id: string; label: string }[] {
	const max = Math.max(2, Math.floor(key.length / 3));
	const scored: { id: string; label: string; d: number }[] = [];
	for (const p of t.people) {
		const d = Math.min(
			distance(key, p.fold, max),
			...p.words.filter((w) => w.length > 2).map((w) => distance(key, w, max))
		);
		if (d <= max) scored.push({ id: p.id, label: personLabel(p), d });
	}
	for (const g of t.groups) {
		const d = Math.min(...g.keys.map((k) => distance(key, k, max)));
		if (d <= max) scored.push({ id: g.id, label: g.name, d });
	}
	return scored
		.sort((a, b) => a.d - b.d || a.label.localeCompare(b.label))
		.slice(0, 3)
		.map(({ id, label }) => ({ id, label }));
}

/** People whose role is `word` as a whole ("Chair" is not "Vice-Chair"; "member" is "Member (…)"). */
function holdersOf(t: NameTable, word: string): string[] {
	const singular = word.replace(/s$/, '');
	const ids: string[] = [];
	for (const p of t.people) {
		const head = p.role.split(' ')[0] ?? '';
		if (
			p.role === word ||
			p.role === singular ||
			(p.role.startsWith(`${singular} `) && head === singular)
		)
			ids.push(p.id);
	}
	return ids;
}

/**
 * Turns typed names into people: person ids, initials, full names (accent- and case-insensitive),
 * unique first or last names, group ids, names and short names, roles ("Chair", "Vice-Chair",
 * "all Chairs"), "all members" (the panel groups' members, or everyone whose role is Member) and
 * "everyone". Unknown and ambiguous names are reported with suggestions, never dropped.
 */
// Long: each kind of name tried in order of precedence; the order is the rule.
export function resolveNames(index: PlanIndex, tokens: readonly string[]): NameResolution {
	const t = tableOf(index);
	const matches: NameMatch[] = [];
	const problems: NameProblem[] = [];
	const ids = new Set<string>();
	for (const [position, raw] of tokens.slice(0, MAX_TOKENS).entries()) {
		const token = raw.trim();
		const key = foldName(token);
		if (key === '') continue;
		const found = (m: NameMatch) => {
			matches.push(m);
			if (m.kind === 'person') ids.add(m.id);
			else for (const id of m.ids) ids.add(id);
		};
		const problem = (kind: NameProblem['kind'], suggestions: { id: string; label: string }[]) => {
			const quoted = `“${token.slice(0, 60)}”`;
			const hint = suggestions.length
				? `did you mean ${suggestions.map((s) => s.label).join(' or ')}?`
				: 'use a name, initials, group or role (“all members”, “Chair”) from the plan.';
			problems.push({
				token,
				position,
				kind,
				suggestions,
				message:
					kind === 'ambiguous'
						? `${quoted} could be several people; ${hint}`
						: `${quoted} is not a person, group or role in the plan; ${hint}`
			});
		};
		// Exact person id, full name or initials.
		const exact = t.byKey.get(token) ?? t.byKey.get(key);
		if (exact && exact.size === 1) {
			const id = [...exact][0]!;
			found({ token, kind: 'person', id, label: personLabel(t.byId.get(id)!) });
			continue;
		}
		const group = t.groups.find((g) => g.keys.includes(token) || g.keys.includes(key));
		if (group) {
			found({ token, kind: 'group', group: group.id, label: group.name, ids: group.members });
			continue;
		}
		if (exact && exact.size > 1) {
			problem(
				'ambiguous',
				[...exact].map((id) => ({ id, label: personLabel(t.byId.get(id)!) }))
			);
			continue;
		}
		if (key === 'everyone' || key === 'all' || key === 'all people' || key === 'everybody') {
			found({ token, kind: 'role', label: 'everyone', ids: t.people.map((p) => p.id) });
			continue;
		}
		const what = key.startsWith('all ') ? key.slice(4) : key;
		const g = t.groups.find((x) => x.keys.includes(what));
		if (g) {
			found({ token, kind: 'group', group: g.id, label: g.name, ids: g.members });
			continue;
		}
		if (what === 'members' || what === 'member') {
			const panels = t.groups.filter((x) => x.kind === 'panel');
			const members = panels.length
				? [...new Set(panels.flatMap((x) => x.members))]
				: holdersOf(t, 'member');
			if (members.length) {
				found({ token, kind: 'role', label: 'all members', ids: members });
				continue;
			}
		}
		const holders = holdersOf(t, what);
		if (holders.length) {
			found({ token, kind: 'role', label: token, ids: holders });
			continue;
		}
		// A unique first or last name ("Fuhr"); several people sharing it is ambiguous.
		const words = key.split(' ');
		const partial = t.people.filter((p) => words.every((w) => p.words.includes(w)));
		if (partial.length === 1) {
			const p = partial[0]!;
			found({ token, kind: 'person', id: p.id, label: personLabel(p) });
			continue;
		}
		if (partial.length > 1) {
			problem(
				'ambiguous',
				partial.slice(0, 5).map((p) => ({ id: p.id, label: personLabel(p) }))
			);
			continue;
		}
		problem('unknown', problems.length < MAX_SUGGESTED ? suggest(t, key) : []);
	}
	return { matches, problems, ids: [...ids] };
}
