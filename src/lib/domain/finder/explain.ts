/**
 * Why a window suits some people and not others, in the clash engine's own words: each person's
 * commitments are checked against the meeting by the engine's pair check (`classifyPair`) and
 * each finding is written by its sentence (`pairMessage`); host weekends and holidays inside the
 * window, and (for a window asked about directly) every rule it breaks, are written out too.
 */
import { classifyPair, pairMessage } from '../clashes.ts';
import type { Viewer } from '../commitments.ts';
import { formatDay, formatDayRange } from '../dates.ts';
import { dayOffSentence } from '../day-off-phrases.ts';
import { daysOff, weekendLabel, type DayOff } from '../host-calendar.ts';
import { DAY_MS, epochDay, plainDate } from '../intervals.ts';
import type { Location, PlainDate } from '../schema.ts';
import { maxTravelMs } from '../travel.ts';
import { hostIndex, windowMeeting } from './meeting.ts';
import {
	FREE,
	IF_NEED_BE,
	MISSING,
	scoreOf,
	type Absence,
	type InPersonCandidate,
	type InPersonQuery,
	type PersonStatus,
	type Tally,
	type WindowDays
} from './model.ts';
import type { FinderPlan } from './people.ts';

export type ExplainContext = {
	fp: FinderPlan;
	q: InPersonQuery;
	viewer: Viewer;
	locale: string;
	required: string[];
	optional: string[];
	base: number;
};
type Finding = { status: PersonStatus; reasons: string[] };

/** Why one person cannot (or only if need be can) come to one window, by the engine's rules. */
function personFinding(
	ctx: ExplainContext,
	person: string,
	start: PlainDate,
	end: PlainDate
): Finding {
	const { fp, q } = ctx;
	const index = hostIndex(fp.index, q.host);
	const meeting = { ...windowMeeting(q.host, start, end), person };
	// Only commitments within reach can clash (the engine's own sweep uses the same bound).
	const lo = meeting.span.start - maxTravelMs(q.travel) - 2 * DAY_MS;
	const hi = meeting.span.end + maxTravelMs(q.travel) + 2 * DAY_MS;
	const hard: string[] = [];
	const soft: string[] = [];
	for (const c of fp.byPerson.get(person) ?? []) {
		if (c.item !== null && c.item === q.ignoreItem) continue;
		if (c.span.end < lo || c.span.start > hi) continue;
		const f = classifyPair(c, meeting, index, q.travel);
		if (!f) continue;
		const text = pairMessage(index, f, [person], ctx.viewer, ctx.locale);
		if (f.severity === 'definite' && c.strength === 'hard') hard.push(text);
		else soft.push(c.strength === 'soft' ? `Only if need be: ${text}` : text);
	}
	if (hard.length) return { status: MISSING, reasons: hard };
	if (soft.length) return { status: IF_NEED_BE, reasons: soft };
	return { status: FREE, reasons: [] };
}

function daysOffText(q: InPersonQuery, start: PlainDate, end: PlainDate, locale: string): string[] {
	const out: string[] = [];
	for (let d = epochDay(start); d <= epochDay(end); d++)
		for (const o of daysOff(q.host, d)) out.push(dayOffText(q.host, o, locale));
	return out;
}

/** "Fri 23 Feb 2024 is the weekend in Riyadh (Friday–Saturday)", or the holiday it is. */
function dayOffText(host: Location, o: DayOff, locale: string): string {
	const weekend = o.reason === 'weekend' ? weekendLabel(host, o.day) : '';
	return dayOffSentence(o, formatDay(o.date, locale), host.city, weekend);
}

/** Who comes to a window and who does not, with the reasons, as the roll call counts them. */
type Roll = {
	attending: string[];
	missing: Absence[];
	ifNeedBe: Absence[];
	req: number;
	opt: number;
	/** Optional people given one summary sentence instead of every reason. */
	summarized: number;
};

/** Everyone asked, required then optional, with their status for one window and why. */
function rollCall(
	ctx: ExplainContext,
	window: { start: PlainDate; end: PlainDate; label: string },
	statusOf: ((p: number) => PersonStatus) | null
): Roll {
	const { q, required, optional } = ctx;
	const roll: Roll = { attending: [], missing: [], ifNeedBe: [], req: 0, opt: 0, summarized: 0 };
	const attend = (person: string, isRequired: boolean) => {
		roll.attending.push(person);
		if (isRequired) roll.req++;
		else roll.opt++;
	};
	let detailed = 0;
	const nReq = required.length;
	const n = nReq + optional.length;
	for (let i = 0; i < n; i++) {
		const person = i < nReq ? required[i]! : optional[i - nReq]!;
		const known = statusOf ? statusOf(i) : null;
		// The fast path already knows who is free; only the others need their reasons written.
		if (known === FREE) {
			attend(person, i < nReq);
			continue;
		}
		if (known !== null && i >= nReq && detailed >= q.detail) {
			roll.summarized++;
			if (known === MISSING) roll.missing.push({ person, reasons: [summaryMissing(window.label)] });
			else {
				attend(person, false);
				roll.ifNeedBe.push({ person, reasons: [summaryIfNeedBe(window.label)] });
			}
			continue;
		}
		if (known !== null && i >= nReq) detailed++;
		const f = personFinding(ctx, person, window.start, window.end);
		if (f.status === MISSING) {
			roll.missing.push({ person, reasons: f.reasons });
			continue;
		}
		attend(person, i < nReq);
		if (f.status === IF_NEED_BE) roll.ifNeedBe.push({ person, reasons: f.reasons });
	}
	return roll;
}

/**
 * One window, explained. With `statusOf` (a ranked candidate: person index → status from the
 * fast search) free people need no check, and beyond `q.detail` optional people who cannot
 * come (or only if need be) get one summary sentence instead of every reason. Without it (a
 * window asked about directly) everyone is checked and explained in full.
 */
export function explain(
	ctx: ExplainContext,
	startDay: number,
	statusOf: ((p: number) => PersonStatus) | null,
	breaks: string[]
): InPersonCandidate {
	const { q, required, locale } = ctx;
	const start = plainDate(startDay);
	const end = plainDate(startDay + q.days - 1);
	const label = formatDayRange(start, end, locale);
	const { attending, missing, ifNeedBe, req, opt, summarized } = rollCall(
		ctx,
		{ start, end, label },
		statusOf
	);
	const tally: Tally = {
		start: startDay,
		req,
		opt,
		compromises: ifNeedBe.length,
		allRequired: req === required.length
	};
	return {
		start,
		end,
		label,
		score: scoreOf(tally, ctx.base),
		attending,
		missing,
		ifNeedBe,
		allRequired: tally.allRequired,
		requiredAttending: req,
		optionalAttending: opt,
		daysOff: daysOffText(q, start, end, locale),
		breaks,
		summarized
	};
}

/** The one sentence an optional person gets beyond the detail cap. */
function summaryMissing(label: string): string {
	return `A hard commitment keeps them away (reasons summarized for optional people: ask about ${label} directly for every one).`;
}

function summaryIfNeedBe(label: string): string {
	return `Only if need be: a commitment may clash (reasons summarized for optional people: ask about ${label} directly for every one).`;
}

/** A window asked about directly: explained in full, with every rule it breaks. */
export function explainWindow(ctx: ExplainContext, w: WindowDays): InPersonCandidate {
	const { q, locale } = ctx;
	const breaks: string[] = [];
	const len = epochDay(w.end) - epochDay(w.start) + 1;
	if (len !== q.days) breaks.push(`It is ${len} day${len === 1 ? '' : 's'}, not ${q.days}.`);
	if (w.start < q.from || w.end > q.to)
		breaks.push(`It is outside the search window ${formatDayRange(q.from, q.to, locale)}.`);
	for (let d = epochDay(w.start); d <= epochDay(w.end); d++)
		for (const o of daysOff(q.host, d)) {
			if (o.reason === 'weekend' ? q.avoidWeekends : q.avoidHolidays)
				breaks.push(`${dayOffText(q.host, o, locale)}.`);
		}
	const c = explain({ ...ctx, q: { ...q, days: len } }, epochDay(w.start), null, breaks);
	if (!c.allRequired)
		breaks.push(
			`${c.missing.filter((m) => ctx.required.includes(m.person)).length} required ${c.missing.length === 1 ? 'person' : 'people'} cannot come.`
		);
	return c;
}
