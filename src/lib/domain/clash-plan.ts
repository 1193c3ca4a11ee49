/**
 * Every clash in a plan, from each person's findings: findings of several people about the same
 * two things merge into one clash (one id, one sentence naming them all), item and dependency
 * clashes join them, and the whole list is sorted. The engine that finds the person findings is
 * the caller's: the sweep (clashes.ts) or the oracle (clashes.oracle.test-helper.ts).
 */
import { CLASH_KINDS, type Clash, type ClashOptions } from './clash-model.ts';
import { kept, mergedCache, sortKeys } from './clash-cache.ts';
import { itemAndDependencyClashes } from './clash-items.ts';
import { pairMessage, seenByAll } from './clash-sentences.ts';
import { strengthOf, type PairGroup, type PersonFindings } from './clash-sweep.ts';
import { canSee, type PersonCommitment, type Viewer } from './commitments.ts';
import type { PlanIndex } from './plan-index.ts';

/** FNV-1a, as 8 hex digits: a stable name that does not spell out what it names. */
function digest(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return (h >>> 0).toString(16).padStart(8, '0');
}

function viewerKey(viewer: Viewer): string {
	return viewer.type === 'person' ? `person:${viewer.id}` : viewer.type;
}

function mergePairs(
	index: PlanIndex,
	byPerson: PersonFindings[],
	o: ClashOptions,
	reuse: boolean
): Clash[] {
	// Findings merge when kind, severity, strength and both commitments' keys agree. Grouped by
	// the two keys in nested maps (no joined key string per finding), in order of first finding.
	const byKeys = new Map<string, Map<string, PairGroup[]>>();
	const groups: PairGroup[] = [];
	for (const p of byPerson) for (const g of p.own) groups.push(g);
	for (const p of byPerson)
		for (const f of p.shared) {
			const strength = strengthOf(f);
			let byB = byKeys.get(f.a.key);
			if (!byB) byKeys.set(f.a.key, (byB = new Map<string, PairGroup[]>()));
			let same = byB.get(f.b.key);
			if (!same) byB.set(f.b.key, (same = []));
			const g = same.find(
				(x) => x.f.kind === f.kind && x.f.severity === f.severity && x.strength === strength
			);
			if (g) {
				if (!g.people.includes(f.person)) g.people.push(f.person);
				g.found.push(f);
			} else {
				const created: PairGroup = { f, strength, people: [f.person], found: [f] };
				same.push(created);
				groups.push(created);
			}
		}
	// A finding is made from its person's commitments, and those from the people, items and
	// places they name (commitments.ts): the same findings make the same sentence.
	const cache = reuse ? mergedCache : null;
	const key = `${viewerKey(o.viewer)}|${o.locale}`;
	return groups.map((g) => kept(cache, g.f, key, g.found, () => mergedClash(index, g, o)));
}

function mergedClash(index: PlanIndex, { f, strength, people, found }: PairGroup, o: ClashOptions) {
	const ids = people.length === 1 ? people : people.sort();
	const commitments: string[] = [];
	const note = (c: PersonCommitment) => {
		if (c.source.type === 'assignment' || !canSee(c, o.viewer)) return;
		if (!commitments.includes(c.source.id)) commitments.push(c.source.id);
	};
	for (const g of found) {
		note(g.a);
		note(g.b);
	}
	const items: string[] = [];
	if (f.b.item !== null) items.push(f.b.item);
	if (f.a.item !== null && f.a.item !== f.b.item) items.push(f.a.item);
	// A private commitment's id can say what it is ("busy-clinic"): hidden ones get a digest.
	const idOf = (c: PersonCommitment) =>
		seenByAll(c, ids, o.viewer) ? c.key : `private:${digest(c.key)}`;
	// Several people merge into one clash per strength: the soft one is told apart.
	const whose = ids.length === 1 ? `:${ids[0]}` : strength === 'soft' ? ':soft' : '';
	return {
		id: `${f.kind}:${idOf(f.a)}+${idOf(f.b)}${whose}`,
		kind: f.kind,
		severity: f.severity,
		strength,
		people: ids,
		items,
		commitments: commitments.sort(),
		message: pairMessage(index, f, ids, o.viewer, o.locale)
	};
}

/** Where a clash sorts (see sortKeys in clash-cache.ts): kind, severity, first day, id. */
export function clashSortKey(index: PlanIndex, c: Clash): string {
	let key = sortKeys.get(c);
	if (key !== undefined) return key;
	let day = '9999-12-31';
	for (const id of c.items) {
		const e = index.dates.get(id)?.earliest;
		if (e && e < day) day = e;
	}
	const rank = CLASH_KINDS.indexOf(c.kind) * 2 + (c.severity === 'definite' ? 0 : 1);
	key = `${String.fromCharCode(65 + rank)}${day} ${c.id}`;
	sortKeys.set(c, key);
	return key;
}

/**
 * Every clash in the plan, sorted by kind, severity, date and id (ids are unique, so the order
 * is total: a page cursor can name a place in it). With `reuse`, merged clashes and item and
 * dependency clashes are kept by the objects they were made from; without, made afresh.
 */
export function planClashes(
	index: PlanIndex,
	byPerson: PersonFindings[],
	o: ClashOptions,
	reuse: boolean
): Clash[] {
	const out = mergePairs(index, byPerson, o, reuse);
	for (const c of itemAndDependencyClashes(index, o, reuse)) out.push(c);
	// Sort keys computed once per clash, not once per comparison.
	const keyed = out.map((c) => ({ c, k: clashSortKey(index, c) }));
	keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
	return keyed.map((k) => k.c);
}
