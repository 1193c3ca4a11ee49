/**
 * People by any name: what an organizer types into "required" or "optional" (person ids,
 * initials, full or partial names, groups, roles, "all members", "everyone") resolved to the
 * people it means, or to a problem with suggestions. Never a silent drop: an unknown or
 * ambiguous name is reported with the people it most likely meant.
 */
import type { PlanIndex } from './plan-index.ts';

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

/** What one typed name resolved to, short of an unknown name (null). */
type Outcome = NameMatch | { kind: 'ambiguous'; suggestions: { id: string; label: string }[] };

/**
 * Turns typed names into people: person ids, initials, full names (accent- and case-insensitive),
 * unique first or last names, group ids, names and short names, roles ("Chair", "Vice-Chair",
 * "all Chairs"), "all members" (the panel groups' members, or everyone whose role is Member) and
 * "everyone". Unknown and ambiguous names are reported with suggestions, never dropped.
 */
export function resolveNames(index: PlanIndex, tokens: readonly string[]): NameResolution {
	const t = tableOf(index);
	const matches: NameMatch[] = [];
	const problems: NameProblem[] = [];
	const ids = new Set<string>();
	for (const [position, raw] of tokens.slice(0, MAX_TOKENS).entries()) {
		const token = raw.trim();
		const key = foldName(token);
		if (key === '') continue;
		const m = resolveOne(t, token, key);
		if (m === null)
			problems.push(
				problem(token, position, 'unknown', problems.length < MAX_SUGGESTED ? suggest(t, key) : [])
			);
		else if (m.kind === 'ambiguous')
			problems.push(problem(token, position, 'ambiguous', m.suggestions));
		else {
			matches.push(m);
			if (m.kind === 'person') ids.add(m.id);
			else for (const id of m.ids) ids.add(id);
		}
	}
	return { matches, problems, ids: [...ids] };
}

/** Each kind of name tried in order of precedence (the order is the rule); null when unknown. */
function resolveOne(t: NameTable, token: string, key: string): Outcome | null {
	return exactName(t, token, key) ?? groupOrRole(t, token, key) ?? partialName(t, token, key);
}

/** An exact person id, full name or initials, else a group's id, name or short name. */
function exactName(t: NameTable, token: string, key: string): Outcome | null {
	const exact = t.byKey.get(token) ?? t.byKey.get(key);
	if (exact && exact.size === 1) {
		const id = [...exact][0]!;
		return { token, kind: 'person', id, label: personLabel(t.byId.get(id)!) };
	}
	const group = t.groups.find((g) => g.keys.includes(token) || g.keys.includes(key));
	if (group)
		return { token, kind: 'group', group: group.id, label: group.name, ids: group.members };
	if (exact && exact.size > 1)
		return {
			kind: 'ambiguous',
			suggestions: [...exact].map((id) => ({ id, label: personLabel(t.byId.get(id)!) }))
		};
	return null;
}

/** "everyone", a group or a role, maybe after "all" ("all members", "all Chairs"). */
function groupOrRole(t: NameTable, token: string, key: string): Outcome | null {
	if (key === 'everyone' || key === 'all' || key === 'all people' || key === 'everybody')
		return { token, kind: 'role', label: 'everyone', ids: t.people.map((p) => p.id) };
	const what = key.startsWith('all ') ? key.slice(4) : key;
	const g = t.groups.find((x) => x.keys.includes(what));
	if (g) return { token, kind: 'group', group: g.id, label: g.name, ids: g.members };
	if (what === 'members' || what === 'member') {
		const panels = t.groups.filter((x) => x.kind === 'panel');
		const members = panels.length
			? [...new Set(panels.flatMap((x) => x.members))]
			: holdersOf(t, 'member');
		if (members.length) return { token, kind: 'role', label: 'all members', ids: members };
	}
	const holders = holdersOf(t, what);
	return holders.length ? { token, kind: 'role', label: token, ids: holders } : null;
}

/** A unique first or last name ("Fuhr"); several people sharing it is ambiguous. */
function partialName(t: NameTable, token: string, key: string): Outcome | null {
	const words = key.split(' ');
	const partial = t.people.filter((p) => words.every((w) => p.words.includes(w)));
	if (partial.length === 1) {
		const p = partial[0]!;
		return { token, kind: 'person', id: p.id, label: personLabel(p) };
	}
	if (partial.length > 1)
		return {
			kind: 'ambiguous',
			suggestions: partial.slice(0, 5).map((p) => ({ id: p.id, label: personLabel(p) }))
		};
	return null;
}

/** A name not understood, in a sentence that offers what it most likely meant. */
function problem(
	token: string,
	position: number,
	kind: NameProblem['kind'],
	suggestions: { id: string; label: string }[]
): NameProblem {
	const quoted = `“${token.slice(0, 60)}”`;
	const hint = suggestions.length
		? `did you mean ${suggestions.map((s) => s.label).join(' or ')}?`
		: 'use a name, initials, group or role (“all members”, “Chair”) from the plan.';
	return {
		token,
		position,
		kind,
		suggestions,
		message:
			kind === 'ambiguous'
				? `${quoted} could be several people; ${hint}`
				: `${quoted} is not a person, group or role in the plan; ${hint}`
	};
}
