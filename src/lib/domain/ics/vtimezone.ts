/**
 * A zone from a file's own VTIMEZONE (for names no zone database knows): every STANDARD /
 * DAYLIGHT onset (its DTSTART, yearly RRULE and RDATEs) up to a given wall time, each the
 * instant its local reading means in TZOFFSETFROM, then offsets looked up by binary search.
 * Only yearly rules are expanded: anything faster is refused, not expanded.
 */
import { guarded, type Budget } from './budget.ts';
import { IcsError, all, first, type Comp, type Prop } from './parse.ts';
import { expandRule } from './recur.ts';
import { parseRule } from './rule.ts';
import { parseDateText, parseOffset } from './values.ts';
import type { Zone } from './zones.ts';

type Transition = { at: number; offset: number };

/** The transitions gathered so far, and the offset before the earliest of them. */
type Onsets = {
	transitions: Transition[];
	vtz: Comp;
	budget: Budget;
	firstFrom: number | null;
	firstAt: number;
};

/** One STANDARD or DAYLIGHT part's offsets and first onset, checked. */
type Part = { from: number; to: number; startWall: number };

/** The zone a VTIMEZONE defines, named `displayName`, with onsets up to `untilWall`. */
export function vtimezoneZone(
	vtz: Comp,
	displayName: string,
	untilWall: number,
	budget: Budget
): Zone {
	const onsets: Onsets = { transitions: [], vtz, budget, firstFrom: null, firstAt: Infinity };
	for (const part of vtz.children) {
		if (part.name !== 'STANDARD' && part.name !== 'DAYLIGHT') continue;
		const p = readPart(part);
		addOnset(onsets, p, p.startWall);
		for (const rp of all(part, 'RRULE')) ruleOnsets(onsets, p, rp, untilWall);
		for (const rp of all(part, 'RDATE')) dateOnsets(onsets, p, rp);
	}
	const { transitions } = onsets;
	if (transitions.length === 0)
		throw new IcsError(vtz.line, 'the time zone has neither STANDARD nor DAYLIGHT');
	transitions.sort((a, b) => a.at - b.at);
	return transitionZone(displayName, transitions, onsets.firstFrom ?? transitions[0]!.offset);
}

/** TZOFFSETFROM, TZOFFSETTO and DTSTART of a STANDARD or DAYLIGHT part, each required. */
function readPart(part: Comp): Part {
	const need = (name: string) => {
		const p = first(part, name);
		if (!p) throw new IcsError(part.line, `the time zone's ${part.name} has no ${name}`);
		return p;
	};
	const fromP = need('TZOFFSETFROM');
	const toP = need('TZOFFSETTO');
	const startP = need('DTSTART');
	const from = parseOffset(fromP.value);
	if (from === null)
		throw new IcsError(fromP.line, `TZOFFSETFROM "${fromP.value}" is not an offset`);
	const to = parseOffset(toP.value);
	if (to === null) throw new IcsError(toP.line, `TZOFFSETTO "${toP.value}" is not an offset`);
	const start = parseDateText(startP.value, null, undefined);
	if (!start || start.kind === 'utc')
		throw new IcsError(
			startP.line,
			`the time zone's DTSTART "${startP.value}" is not a local time`
		);
	return { from, to, startWall: start.wall };
}

/** An onset at local reading `wall` (in the part's TZOFFSETFROM), within the budget and cap. */
function addOnset(onsets: Onsets, p: Part, wall: number): void {
	onsets.budget.step();
	if (onsets.transitions.length >= 20_000)
		throw new IcsError(onsets.vtz.line, 'the time zone has too many transitions');
	onsets.transitions.push({ at: wall - p.from, offset: p.to });
	if (wall - p.from < onsets.firstAt) {
		onsets.firstAt = wall - p.from;
		onsets.firstFrom = p.from;
	}
}

/** A part's yearly RRULE, expanded from its DTSTART up to `untilWall`. */
function ruleOnsets(onsets: Onsets, p: Part, rp: Prop, untilWall: number): void {
	const rule = parseRule(rp);
	// Only yearly rules describe real zones; anything faster is refused, not expanded
	// (a SECONDLY rule here would be billions of transitions).
	if (rule.freq !== 'YEARLY')
		throw new IcsError(rp.line, `a time zone rule must repeat yearly, not ${rule.freq}`);
	let untilW: number | null = null;
	if (rule.until)
		untilW = rule.until.kind === 'utc' ? rule.until.instant + p.from : rule.until.wall;
	guarded(rule, onsets.budget, () =>
		expandRule(rule, {
			start: p.startWall,
			from: p.startWall,
			to: untilWall,
			untilWall: untilW,
			budget: onsets.budget,
			emit: (w) => {
				if (w !== p.startWall) addOnset(onsets, p, w);
			}
		})
	);
}

/** A part's RDATEs: local readings, or UTC instants read back into TZOFFSETFROM. */
function dateOnsets(onsets: Onsets, p: Part, rp: Prop): void {
	for (const text of rp.value.split(',')) {
		const d = parseDateText(text, null, undefined);
		if (!d) throw new IcsError(rp.line, `RDATE "${text.slice(0, 40)}" is not a date`);
		if (d.kind === 'utc') addOnset(onsets, p, d.instant + p.from);
		else addOnset(onsets, p, d.wall);
	}
}

/** A zone from sorted transitions: the last one at or before an instant gives its offset. */
function transitionZone(name: string, transitions: Transition[], before: number): Zone {
	const ats = transitions.map((t) => t.at);
	return {
		name,
		offset(instant) {
			// Last transition at or before the instant (binary search).
			let lo = 0;
			let hi = ats.length - 1;
			if (instant < ats[0]!) return before;
			while (lo < hi) {
				const mid = (lo + hi + 1) >> 1;
				if (ats[mid]! <= instant) lo = mid;
				else hi = mid - 1;
			}
			return transitions[lo]!.offset;
		}
	};
}
