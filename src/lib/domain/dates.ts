/**
 * The date core: resolving a plan's DateSpec to day bounds, writing it in canonical English,
 * reading the plan's own wording back, and locale-aware display of days and instants.
 *
 * Pure: no clock, no host zone. Plain dates are 'YYYY-MM-DD' strings handled as UTC calendar days
 * in luxon, so process.env.TZ never changes a result; instants are converted only through the
 * explicit zone they were planned in.
 */
import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';
import { hemisphereOf } from './hemisphere.ts';
import { DateSpec, type Part, type PlainDate } from './schema.ts';
import { day, plain, daysInMonth, addDays, diffDays, isoWeekday } from './dates/plain-date.ts';
import { formatInstant } from './dates/instant.ts';
import { MONTH_NAMES, WEEKDAY_NAMES, formatLongDate } from './dates/wording.ts';
import { bounds } from './dates/spec.ts';
import {
	ParseFail,
	MONTH_WORDS,
	WEEKDAY_WORDS,
	type Span,
	type Tok,
	normalize,
	tokenize,
	Cursor
} from './dates/parse/tokens.ts';
export { addDays, diffDays, isoWeekday, todayIn } from './dates/plain-date.ts';
export { MONTH_NAMES, formatLongDate, formatSpec } from './dates/wording.ts';
export { type Resolved, isExactSpec, specBounds, resolve } from './dates/spec.ts';
export {
	formatDay,
	formatDayRange,
	formatBounds,
	formatInstantIn,
	formatTimedRange,
	formatTimeIn
} from './dates/display.ts';
/**
 * `notes` says what the parser decided that the text did not (a year taken from the plan, the
 * hemisphere of a season), for showing next to "understood as".
 */
export type ParseResult =
	{ ok: true; spec: DateSpec; notes?: string[] } | { ok: false; error: string };

/**
 * Where a date without a year sits: the plan's first and last day, and days near the thing being
 * dated (its current dates, its neighbours in the plan). A yearless "by February 15th" takes the
 * year that puts it inside the span and closest to those days.
 */
export type YearContext = {
	span?: { start: PlainDate; end: PlainDate } | undefined;
	near?: PlainDate[] | undefined;
};

export type ParseOptions = {
	/** The zone of times written without one (else UTC). */
	zone?: string | undefined;
	/** Lets a date without a year take one from the plan; without it such dates are refused. */
	years?: YearContext | undefined;
	/** The zone whose place decides the hemisphere of "spring 2024" (the plan's, a member's). */
	planZone?: string | undefined;
	/** Examples named when the text cannot be read (busy times have no use for "TBD"). */
	examples?: string | undefined;
};

// ---------------------------------------------------------------------------------------------
// Plain-date arithmetic (UTC calendar days: no DST, no host zone)

// ---------------------------------------------------------------------------------------------
// Resolve

// ---------------------------------------------------------------------------------------------
// Canonical English (formatSpec); parseDateText reads every one of these forms back

// ---------------------------------------------------------------------------------------------
// Parser: a small tokenizer and a backtracking grammar over the tokens

const HINT =
	'try "1 March 2024", "27–31 May 2024", "early May 2024", "by 15 February 2024", "Q3 2024" or "TBD"';

type Ctx = {
	text: string;
	c: Cursor;
	/** The year for a date written without one, or null when there is no context. */
	inferYear?: ((m: number, d: number) => number | null) | undefined;
	/** Set when a season was read (the note names the hemisphere). */
	season?: { hemisphere: 'northern' | 'southern'; assumed: boolean; zone: string } | undefined;
	planZone?: string | undefined;
};
type DistributiveOmit<T> = T extends unknown ? Omit<T, 'text'> : never;
/** A DateSpec before the input text is attached. */
type Body = DistributiveOmit<DateSpec>;
type Period = Extract<
	Body,
	{ type: 'day' | 'range' | 'month' | 'part-of-month' | 'part-of-year' | 'quarter' }
>;

/** The year for a date written without one (see YearContext), or null without a context. */
function guessYear(ctx: Ctx, m: number, d: number): number | null {
	return ctx.inferYear?.(m, d) ?? null;
}

/**
 * Picks the year that puts month m, day d inside the span and nearest the `near` days (or the
 * span's ends). Candidates are the anchors' years and one either side: a handful, never a loop
 * over user input.
 */
export function inferYear(ctx: YearContext, m: number, d: number): number | null {
	const span = ctx.span;
	const anchors = ctx.near?.length ? ctx.near : span ? [span.start, span.end] : [];
	if (anchors.length === 0) return null;
	const years = new Set<number>();
	for (const a of anchors.slice(0, 50)) {
		const y = Number(a.slice(0, 4));
		years
			.add(y - 1)
			.add(y)
			.add(y + 1);
	}
	let best: { y: number; key: [number, number] } | null = null;
	for (const y of [...years].sort((a, b) => a - b)) {
		if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) continue;
		const date = plain(y, m, d);
		const outside = span && (date < span.start || date > span.end) ? 1 : 0;
		const dist = Math.min(...anchors.map((a) => Math.abs(diffDays(a, date))));
		const key: [number, number] = [outside, dist];
		if (best === null || key[0] < best.key[0] || (key[0] === best.key[0] && key[1] < best.key[1]))
			best = { y, key };
	}
	return best?.y ?? null;
}

function checkYear(ctx: Ctx, y: number): number {
	if (y < 1900 || y > 2200)
		throw new ParseFail(`"${ctx.text}": the year must be between 1900 and 2200.`);
	return y;
}

function year(c: Cursor): number | null {
	const t = c.peek();
	if (t?.k === 'num' && t.digits === 4 && !t.ordinal) {
		c.i++;
		return t.v;
	}
	return null;
}

function monthWord(c: Cursor): number | null {
	const t = c.peek();
	if (t?.k !== 'word') return null;
	const m = MONTH_WORDS.get(t.w);
	if (m === undefined) return null;
	c.i++;
	return m;
}

function dayNum(c: Cursor): number | null {
	const t = c.peek();
	if (t?.k === 'num' && t.digits <= 2) {
		c.i++;
		return t.v;
	}
	return null;
}

/** A day as written, maybe missing its month or year (taken from the other end of a range). */
type DatePart = Span & { d: number; m?: number; y?: number; wd?: number; whole: boolean };

function datePart(ctx: Ctx): DatePart | null {
	const { c } = ctx;
	return c.attempt(() => {
		const first = c.peek();
		if (!first) return null;
		let wd: number | undefined;
		const w = c.peek();
		if (w?.k === 'word' && WEEKDAY_WORDS.has(w.w)) {
			wd = WEEKDAY_WORDS.get(w.w);
			c.i++;
			c.kind('comma');
		}
		const iso = c.kind('iso');
		if (iso) return { d: iso.d, m: iso.m, y: iso.y, wd, at: first.at, to: iso.to, whole: true };
		const mark = c.i;
		// "1 March 2024", "1st of March 2024", "27" (in "27–31 May 2024"), "31, 2024" (in "May 27–31, 2024")
		const d = dayNum(c);
		if (d !== null) {
			const m = c.attempt(() => {
				c.word('of');
				return monthWord(c);
			});
			const y = c.attempt(() => {
				// Without a month, only "31, 2024" (the US form's end day) carries a year.
				if (c.kind('comma') === null && m === null) return null;
				return year(c);
			});
			const last = c.toks[c.i - 1] ?? first;
			return {
				d,
				m: m ?? undefined,
				y: y ?? undefined,
				wd,
				at: first.at,
				to: last.to,
				whole: m !== null && y !== null
			};
		}
		c.i = mark;
		// "March 1, 2024", "March 1st 2024", "May 27" (in "May 27–31, 2024")
		const m = monthWord(c);
		if (m === null) return null;
		c.word('the');
		const d2 = dayNum(c);
		if (d2 === null) return null;
		const y = c.attempt(() => {
			c.kind('comma');
			return year(c);
		});
		const last = c.toks[c.i - 1] ?? first;
		return { d: d2, m, y: y ?? undefined, wd, at: first.at, to: last.to, whole: y !== null };
	});
}

function realDate(ctx: Ctx, p: DatePart, m: number, y: number): PlainDate {
	const quote = p.whole ? ctx.text.slice(p.at, p.to) : `${p.d} ${MONTH_NAMES[m - 1] ?? m} ${y}`;
	const ok = p.d >= 1 && m >= 1 && m <= 12 && p.d <= daysInMonth(y, m);
	if (!ok) throw new ParseFail(`"${quote}" is not a real date.`);
	const date = plain(y, m, p.d);
	if (p.wd !== undefined && isoWeekday(date) !== p.wd)
		throw new ParseFail(
			`"${ctx.text.slice(p.at, p.to)}": ${formatLongDate(date)} is a ${WEEKDAY_NAMES[isoWeekday(date) - 1]}.`
		);
	return date;
}

function rangeSep(c: Cursor): boolean {
	return (
		c.kind('dash') !== null || c.kind('slash') !== null || c.word('to', 'through', 'till') !== null
	);
}

function endsBeforeStart(ctx: Ctx): ParseFail {
	return new ParseFail(`"${ctx.text}": the range ends before it starts.`);
}

/** "1 March 2024", "27–31 May 2024", "27 May – 2 June 2024", "2024-03-01/2024-03-05", … */
function dayOrRange(ctx: Ctx): Extract<Period, { type: 'day' | 'range' }> | null {
	const { c } = ctx;
	return c.attempt(() => {
		const p1 = datePart(ctx);
		if (p1 === null) return null;
		const p2 = c.attempt(() => (rangeSep(c) ? datePart(ctx) : null));
		if (p2 === null) {
			if (p1.m === undefined) return null;
			const y = p1.y ?? guessYear(ctx, p1.m, p1.d);
			if (y === null) return null;
			return { type: 'day', date: realDate(ctx, p1, p1.m, y) };
		}
		const m2 = p2.m ?? p1.m;
		const m1 = p1.m ?? m2;
		let y2 = p2.y ?? p1.y;
		let y1 = p1.y ?? y2;
		if (m1 === undefined || m2 === undefined) return null;
		if (y1 === undefined || y2 === undefined) {
			// Neither end has a year: the start takes one from the plan, and a range that wraps
			// past December ("20 December – 10 January") ends in the next year.
			const wraps = m2 < m1;
			// A wrapping range is placed by its end, so both ends can fall inside the plan.
			const y = wraps ? guessYear(ctx, m2, p2.d) : guessYear(ctx, m1, p1.d);
			if (y === null) return null;
			y1 = wraps ? y - 1 : y;
			y2 = y;
		}
		const start = realDate(ctx, p1, m1, y1);
		const end = realDate(ctx, p2, m2, y2);
		if (end < start) throw endsBeforeStart(ctx);
		return { type: 'range', start, end };
	});
}

const PART_WORDS: Record<string, Part> = {
	early: 'early',
	mid: 'mid',
	middle: 'mid',
	late: 'late'
};
/** A day inside each part of a month, for placing a yearless "early May" in a year. */
const PART_MID: Record<Part, number> = { early: 5, mid: 15, late: 25 };
const PART_OF_WORDS: Record<string, Part> = {
	beginning: 'early',
	start: 'early',
	middle: 'mid',
	end: 'late'
};

/** "early May 2024", "mid-2024", "beginning of May 2024", "end of 2023". */
function partPhrase(ctx: Ctx): Extract<Period, { type: 'part-of-month' | 'part-of-year' }> | null {
	const { c } = ctx;
	return c.attempt(() => {
		let part: Part | undefined;
		const a = c.attempt(() => {
			c.word('the');
			const w = c.word(...Object.keys(PART_OF_WORDS));
			if (w === null || c.word('of') === null) return null;
			c.word('the');
			return PART_OF_WORDS[w] ?? null;
		});
		if (a !== null) part = a;
		else {
			const w = c.word(...Object.keys(PART_WORDS));
			if (w === null) return null;
			part = PART_WORDS[w];
			c.kind('dash');
		}
		if (part === undefined) return null;
		const m = monthWord(c);
		if (m !== null) c.word('of');
		const y =
			year(c) ?? (m === null || c.peek()?.k === 'num' ? null : guessYear(ctx, m, PART_MID[part]));
		if (y === null) return null;
		checkYear(ctx, y);
		return m === null
			? { type: 'part-of-year', year: y, part }
			: { type: 'part-of-month', year: y, month: m, part };
	});
}

const QUARTER_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/** "Q3 2024", "2024 Q3", "first quarter of 2024", "3rd quarter 2024". */
function quarter(ctx: Ctx): Extract<Period, { type: 'quarter' }> | null {
	const { c } = ctx;
	const done = (q: number, y: number | null) =>
		y === null ? null : ({ type: 'quarter', year: checkYear(ctx, y), quarter: q } as const);
	return (
		c.attempt(() => {
			c.word('the');
			const q = c.kind('q');
			if (q === null) return null;
			c.word('of');
			c.kind('comma');
			return done(q.v, year(c) ?? quarterYear(ctx, q.v));
		}) ??
		c.attempt(() => {
			const y = year(c);
			const q = c.kind('q');
			return q === null ? null : done(q.v, y);
		}) ??
		c.attempt(() => {
			c.word('the');
			let q: number | undefined;
			const w = c.word(...Object.keys(QUARTER_WORDS));
			if (w !== null) q = QUARTER_WORDS[w];
			else {
				const n = c.kind('num');
				if (n !== null && n.ordinal && n.v >= 1 && n.v <= 4) q = n.v;
			}
			if (q === undefined || c.word('quarter') === null) return null;
			c.word('of');
			return done(q, year(c) ?? quarterYear(ctx, q));
		})
	);
}

/** "May 2024", "May of 2024", "May, 2024". */
function month(ctx: Ctx): Extract<Period, { type: 'month' }> | null {
	const { c } = ctx;
	return c.attempt(() => {
		const m = monthWord(c);
		if (m === null) return null;
		c.word('of');
		c.kind('comma');
		const y = year(c) ?? (c.peek()?.k === 'num' ? null : guessYear(ctx, m, 15));
		if (y === null) return null;
		return { type: 'month', year: checkYear(ctx, y), month: m };
	});
}

/** A yearless quarter takes the year of its middle month. */
function quarterYear(ctx: Ctx, q: number): number | null {
	const c = ctx.c;
	return c.peek()?.k === 'num' ? null : guessYear(ctx, q * 3 - 1, 15);
}

const QUARTER_PART: Record<string, number> = { beginning: 0, start: 0, middle: 1, end: 2 };

/** "end of Q1 2024" is its last month (March 2024); "start of Q3" its first. */
function quarterPart(ctx: Ctx): Extract<Period, { type: 'month' }> | null {
	const { c } = ctx;
	return c.attempt(() => {
		c.word('the');
		const w = c.word(...Object.keys(QUARTER_PART));
		if (w === null || c.word('of') === null) return null;
		c.word('the');
		const q = quarter(ctx);
		if (q === null) return null;
		return { type: 'month', year: q.year, month: q.quarter * 3 - 2 + (QUARTER_PART[w] ?? 0) };
	});
}

function period(ctx: Ctx): Period | null {
	return quarterPart(ctx) ?? partPhrase(ctx) ?? quarter(ctx) ?? month(ctx) ?? dayOrRange(ctx);
}

function periodBounds(p: Period): [PlainDate, PlainDate] {
	return bounds(p);
}

/** "by 15 February 2024", "no later than …", "before 1 March 2024", "from A by B", "by end of 2023". */
function deadline(ctx: Ctx): Extract<Body, { type: 'by' }> | null {
	const { c } = ctx;
	return c.whole(() => {
		let from: PlainDate | undefined;
		if (c.word('from', 'starting', 'after') !== null) {
			const p = period(ctx);
			if (p === null) return null;
			from = periodBounds(p)[0];
			c.kind('comma');
			c.word('and');
		}
		let before = false;
		if (c.word('by', 'until') !== null) c.word('the');
		else if (c.words('no', 'later', 'than') || c.words('not', 'later', 'than')) c.word('the');
		else if (c.word('due') !== null) c.word('by', 'on');
		else if (c.word('before') !== null) {
			// "before the end of 2023" means "by the end of 2023", not "before 1 September".
			const next = c.peek();
			before = !(next?.k === 'word' && (next.w === 'end' || next.w === 'the'));
		} else return null;
		const p = period(ctx);
		if (p === null) return null;
		const [earliest, latest] = periodBounds(p);
		const date = before ? addDays(earliest, -1) : latest;
		if (from !== undefined && from > date) throw endsBeforeStart(ctx);
		return from === undefined ? { type: 'by', date } : { type: 'by', date, from };
	});
}

const TENTATIVE = [
	'tentatively',
	'tentative',
	'provisionally',
	'provisional',
	'proposed',
	'possibly'
];

/** "25 or 26 to 27 or 28 February 2024": every start day with every end day. */
function candidateProduct(
	ctx: Ctx,
	tentative: boolean
): Extract<Body, { type: 'candidates' }> | null {
	const { c } = ctx;
	return c.whole(() => {
		const first = c.peek();
		const list = () => {
			const out: { v: number; tok: Span }[] = [];
			do {
				const t = c.peek();
				const d = dayNum(c);
				if (d === null || t === undefined) return null;
				out.push({ v: d, tok: t });
			} while (c.word('or') !== null);
			return out;
		};
		const starts = list();
		if (starts === null) return null;
		const ends = c.attempt(() => (rangeSep(c) ? list() : null));
		const m = monthWord(c);
		if (m === null) return null;
		c.kind('comma');
		const y = year(c) ?? guessYear(ctx, m, starts[0]?.v ?? 15);
		if (y === null || first === undefined) return null;
		// Without an "or" this is a plain day or range, unless the text says it is only proposed.
		const hasOr = starts.length > 1 || (ends?.length ?? 0) > 1;
		if (!hasOr && !tentative) return null;
		const part = (v: number): DatePart => ({ d: v, at: first.at, to: first.to, whole: false });
		const windows: { start: PlainDate; end: PlainDate }[] = [];
		for (const s of starts) {
			const start = realDate(ctx, part(s.v), m, y);
			for (const e of ends ?? [s]) {
				const end = realDate(ctx, part(e.v), m, y);
				if (end < start) throw endsBeforeStart(ctx);
				windows.push({ start, end });
			}
		}
		return { type: 'candidates', windows };
	});
}

/** "25–27 February 2024 or 3–4 March 2024", "tentatively 25–27 February 2024". */
function candidates(ctx: Ctx): Extract<Body, { type: 'candidates' }> | null {
	const { c } = ctx;
	return c.attempt(() => {
		const tentative = c.word(...TENTATIVE) !== null;
		c.word('either');
		const product = candidateProduct(ctx, tentative);
		if (product !== null) return product;
		const windows: { start: PlainDate; end: PlainDate }[] = [];
		do {
			const w = dayOrRange(ctx);
			if (w === null) return null;
			windows.push(w.type === 'day' ? { start: w.date, end: w.date } : w);
		} while (c.word('or') !== null);
		if (!c.done() || (windows.length < 2 && !tentative)) return null;
		return { type: 'candidates', windows };
	});
}

// --- windows: a week, a half, a season ---------------------------------------------------------

type Window = Extract<Body, { type: 'by' }>;

function windowOf(start: PlainDate, end: PlainDate): Window {
	return { type: 'by', from: start, date: end };
}

/** "w/c 4 March 2024", "week commencing 4 March", "the week of 4 March 2024": seven days from it. */
function weekOf(ctx: Ctx): Window | null {
	const { c } = ctx;
	return c.attempt(() => {
		c.word('the');
		const intro =
			c.attempt(() =>
				c.word('w') !== null && c.kind('slash') !== null && c.word('c') ? 1 : null
			) ??
			(c.word('wc', 'wb') !== null ? 1 : null) ??
			(c.word('week') !== null && c.word('commencing', 'beginning', 'starting', 'of') !== null
				? 1
				: null);
		if (intro === null) return null;
		c.word('the');
		const p = datePart(ctx);
		if (p === null || p.m === undefined) return null;
		const y = p.y ?? guessYear(ctx, p.m, p.d);
		if (y === null) return null;
		const start = realDate(ctx, p, p.m, y);
		return windowOf(start, addDays(start, 6));
	});
}

const HALF_WORDS: Record<string, 1 | 2> = { first: 1, second: 2, latter: 2 };

/** "first half of May 2024" (1–15 May), "second half of 2024", "H1 2024", "2024 H2". */
function half(ctx: Ctx): Window | null {
	const { c } = ctx;
	const ofYear = (h: 1 | 2, y: number) =>
		h === 1
			? windowOf(plain(y, 1, 1), plain(y, 6, 30))
			: windowOf(plain(y, 7, 1), plain(y, 12, 31));
	const hNum = (): 1 | 2 | null => {
		if (c.word('h') === null) return null;
		const n = c.kind('num');
		return n !== null && !n.ordinal && (n.v === 1 || n.v === 2) ? n.v : null;
	};
	return (
		c.attempt(() => {
			const h = hNum();
			if (h === null) return null;
			c.word('of');
			const y = year(c) ?? (c.done() ? guessYear(ctx, h === 1 ? 4 : 10, 1) : null);
			return y === null ? null : ofYear(h, checkYear(ctx, y));
		}) ??
		c.attempt(() => {
			const y = year(c);
			const h = hNum();
			return y === null || h === null ? null : ofYear(h, checkYear(ctx, y));
		}) ??
		c.attempt(() => {
			c.word('the');
			let h: 1 | 2 | undefined;
			const w = c.word(...Object.keys(HALF_WORDS));
			if (w !== null) h = HALF_WORDS[w];
			else {
				const n = c.kind('num');
				if (n !== null && n.ordinal && (n.v === 1 || n.v === 2)) h = n.v;
			}
			if (h === undefined || c.word('half') === null) return null;
			c.word('of');
			c.word('the');
			const m = monthWord(c);
			if (m === null) {
				const y = year(c);
				return y === null ? null : ofYear(h, checkYear(ctx, y));
			}
			c.kind('comma');
			const y = year(c) ?? (c.done() ? guessYear(ctx, m, h === 1 ? 8 : 23) : null);
			if (y === null) return null;
			checkYear(ctx, y);
			return h === 1
				? windowOf(plain(y, m, 1), plain(y, m, 15))
				: windowOf(plain(y, m, 16), plain(y, m, daysInMonth(y, m)));
		})
	);
}

/** First month of each season, north and south of the equator (meteorological seasons). */
const SEASONS: Record<string, { northern: number; southern: number }> = {
	spring: { northern: 3, southern: 9 },
	summer: { northern: 6, southern: 12 },
	autumn: { northern: 9, southern: 3 },
	fall: { northern: 9, southern: 3 },
	winter: { northern: 12, southern: 6 }
};

/**
 * "spring 2024": three months in the hemisphere of the plan's zone (northern when the zone names
 * no place, and the note says it was assumed). A season that crosses the new year starts in the
 * year named ("winter 2024" is Dec 2024 – Feb 2025); "winter 2023/24" says the same thing plainly.
 */
function season(ctx: Ctx): Window | null {
	const { c } = ctx;
	return c.attempt(() => {
		c.word('the');
		const w = c.word(...Object.keys(SEASONS));
		const s = w === null ? undefined : SEASONS[w];
		if (s === undefined) return null;
		c.word('of');
		const zone = ctx.planZone ?? 'UTC';
		const found = hemisphereOf(zone);
		const hemisphere = found ?? 'northern';
		const first = s[hemisphere];
		let y = year(c);
		if (y !== null && (c.kind('slash') !== null || c.kind('dash') !== null)) {
			const n = c.kind('num');
			if (n === null) return null;
			const next = n.digits === 2 ? Math.floor(y / 100) * 100 + n.v : n.v;
			if (next !== y + 1 || first !== 12)
				throw new ParseFail(
					`"${ctx.text}": in the ${hemisphere} hemisphere ${w ?? ''} does not cross the new year; name one year.`
				);
		}
		if (y === null && c.done()) y = guessYear(ctx, first + 1 > 12 ? 1 : first + 1, 15);
		if (y === null || !c.done()) return null;
		checkYear(ctx, y);
		const lastMonth = first + 2;
		const endYear = lastMonth > 12 ? y + 1 : y;
		const endMonth = lastMonth > 12 ? lastMonth - 12 : lastMonth;
		ctx.season = { hemisphere, assumed: found === null, zone };
		return windowOf(plain(y, first, 1), plain(endYear, endMonth, daysInMonth(endYear, endMonth)));
	});
}

function windowPhrase(ctx: Ctx): Window | null {
	const { c } = ctx;
	return c.whole(() => {
		c.word('in', 'during');
		return weekOf(ctx) ?? half(ctx) ?? season(ctx);
	});
}

function single(ctx: Ctx): Period | null {
	const { c } = ctx;
	return c.whole(() => {
		c.word('on', 'in', 'during', 'from');
		return period(ctx);
	});
}

// --- timed ---------------------------------------------------------------------------------------

let zoneNames: Map<string, string> | undefined;

/** The zone as IANA spells it ("europe/brussels" -> "Europe/Brussels"), or null if unknown. */
function canonicalZone(name: string): string | null {
	const low = name.toLowerCase();
	if (low === 'utc' || low === 'z') return 'UTC';
	if (low === 'gmt') return 'GMT';
	if (!IANAZone.isValidZone(name)) return null;
	zoneNames ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
	return zoneNames.get(low) ?? name;
}

type WallTime = { tok: Extract<Tok, { k: 'time' }>; offset: number | null };

function wallTime(c: Cursor): WallTime | null {
	const tok = c.kind('time');
	if (tok === null) return null;
	const off = c.kind('offset');
	return { tok, offset: off?.minutes ?? null };
}

function toInstant(ctx: Ctx, date: PlainDate, t: WallTime, zone: string): DateTime {
	const { h, min, s, raw } = t.tok;
	if (h > 23 || min > 59 || s > 59) throw new ParseFail(`"${raw}" is not a real time.`);
	const d = day(date);
	const wall = { year: d.year, month: d.month, day: d.day, hour: h, minute: min, second: s };
	const where = `${raw} on ${formatLongDate(date)}`;
	if (t.offset !== null) {
		const dt = DateTime.fromObject(wall, { zone: FixedOffsetZone.instance(t.offset) });
		const local = dt.setZone(zone);
		if (local.hour !== h || local.minute !== min || local.day !== d.day)
			throw new ParseFail(`"${ctx.text}": ${where} is not at that UTC offset in ${zone}.`);
		return dt;
	}
	const dt = DateTime.fromObject(wall, { zone });
	// luxon moves a wall time inside a spring-forward gap to a later hour; that time never existed.
	if (!dt.isValid || dt.hour !== h || dt.minute !== min || dt.day !== d.day)
		throw new ParseFail(
			`"${ctx.text}": ${where} does not exist in ${zone} (the clocks skip that hour).`
		);
	return dt;
}

function timedBody(ctx: Ctx, zone: string): Extract<Body, { type: 'timed' }> | null {
	const { c } = ctx;
	return c.whole(() => {
		c.word('on');
		const fullDate = () => {
			const p = datePart(ctx);
			if (p === null || p.m === undefined || p.y === undefined) return null;
			c.kind('comma');
			c.word('at', 'from');
			return realDate(ctx, p, p.m, p.y);
		};
		const d1 = fullDate();
		if (d1 === null) return null;
		const t1 = wallTime(c);
		if (t1 === null) return null;
		if (c.done())
			throw new ParseFail(`"${ctx.text}": give an end time as well, e.g. "16:00–17:00".`);
		if (c.kind('dash') === null && c.word('to', 'until', 'till') === null) return null;
		const d2 = c.attempt(fullDate) ?? d1;
		const t2 = wallTime(c);
		if (t2 === null) return null;
		const start = toInstant(ctx, d1, t1, zone);
		const end = toInstant(ctx, d2, t2, zone);
		if (end <= start) throw endsBeforeStart(ctx);
		return { type: 'timed', start: formatInstant(start), end: formatInstant(end), zone };
	});
}

function parseTimed(text: string, defaultZone: string | undefined): Body | null {
	let body = text;
	let zone = 'UTC';
	if (defaultZone !== undefined) {
		const z = canonicalZone(defaultZone);
		if (z === null) throw new ParseFail(`Unknown time zone "${defaultZone}".`);
		zone = z;
	}
	const m = /^(.*\S)\s+(\S+)$/.exec(text);
	const last = m?.[2] ?? '';
	const lastLow = last.toLowerCase();
	if (
		m &&
		/^[a-z][a-z0-9_/+-]*$/i.test(last) &&
		!MONTH_WORDS.has(lastLow) &&
		!WEEKDAY_WORDS.has(lastLow)
	) {
		const z = canonicalZone(last);
		if (z === null)
			throw new ParseFail(
				`Unknown time zone "${last}": write an IANA name such as "Europe/Brussels", or "UTC".`
			);
		body = m[1] ?? '';
		zone = z;
	}
	const toks = tokenize(normalize(body));
	if (toks === null) return null;
	return timedBody({ text, c: new Cursor(toks) }, zone);
}

// --- entry point -------------------------------------------------------------------------------

const TBD = /^(tbd|tbc|tba|to be (decided|confirmed|determined|announced|defined))\.?$/;

/** Whether the text writes a year itself (else a parsed year came from the context). */
function writesYear(toks: Tok[]): boolean {
	return toks.some((t) => t.k === 'iso' || (t.k === 'num' && t.digits === 4));
}

function parseBody(text: string, ctx: Ctx): Body | null {
	if (TBD.test(normalize(text).replace(/\s+/g, ' '))) return { type: 'tbd' };
	const toks = ctx.c.toks;
	const parsed = deadline(ctx) ?? candidates(ctx) ?? windowPhrase(ctx) ?? single(ctx);
	if (parsed !== null) return parsed;
	const hasYear = writesYear(toks);
	const dateish = toks.some((t) => t.k === 'num' || (t.k === 'word' && MONTH_WORDS.has(t.w)));
	if (!hasYear && dateish)
		throw new ParseFail(`Could not read "${text}" as a date: add the year, e.g. "1 March 2024".`);
	return null;
}

/**
 * Reads a date as people write it (and as formatSpec writes it). Never throws on bad input: the
 * error is a sentence naming what could not be read. `opts.zone` is the zone for times written
 * without one (else UTC). The returned spec keeps the input, trimmed, as `text`.
 */
export function parseDateText(text: string, opts: ParseOptions = {}): ParseResult {
	const input = text.trim();
	const hint = opts.examples ?? HINT;
	if (input === '') return { ok: false, error: `The date is empty: ${hint}.` };
	if (input.length > 500)
		return { ok: false, error: 'The date is too long: keep it under 500 characters.' };
	let body: Body | null;
	let ctx: Ctx | null = null;
	try {
		if (/\d:\d\d/.test(input)) body = parseTimed(input, opts.zone);
		else {
			const toks = tokenize(normalize(input));
			const years = opts.years;
			ctx =
				toks === null
					? null
					: {
							text: input,
							c: new Cursor(toks),
							inferYear: years ? (m, d) => inferYear(years, m, d) : undefined,
							planZone: opts.planZone
						};
			body = ctx === null ? null : parseBody(input, ctx);
		}
	} catch (e) {
		if (e instanceof ParseFail) return { ok: false, error: e.message };
		throw e;
	}
	if (body === null) return { ok: false, error: `Could not read "${input}" as a date: ${hint}.` };
	const notes: string[] = [];
	if (ctx !== null && body.type !== 'tbd' && !writesYear(ctx.c.toks)) {
		notes.push(yearNote(body, opts.years));
	}
	if (ctx?.season) {
		const { hemisphere, assumed, zone } = ctx.season;
		notes.push(
			assumed
				? `Seasons are read for the ${hemisphere} hemisphere: the time zone ${zone} names no place.`
				: `Seasons are read for the ${hemisphere} hemisphere, where ${zone} is.`
		);
	}
	// The schema is the last word on validity (years, bounds), so a parse never yields a bad spec.
	const checked = DateSpec.safeParse({ ...body, text: input });
	if (!checked.success)
		return {
			ok: false,
			error: `"${input}" is not a valid date: ${checked.error.issues[0]?.message ?? 'invalid'}.`
		};
	return notes.length ? { ok: true, spec: checked.data, notes } : { ok: true, spec: checked.data };
}

/** "The year, 2024, comes from the plan's dates (…)": said whenever the text writes none. */
function yearNote(body: Exclude<Body, { type: 'tbd' }>, years: YearContext | undefined): string {
	const [a, b] = bounds(body);
	const ya = a.slice(0, 4);
	const yb = b.slice(0, 4);
	const which = ya === yb ? `The year, ${ya}, comes` : `The years, ${ya}–${yb}, come`;
	const span = years?.span;
	const runs = span ? ` (it runs ${formatLongDate(span.start)} – ${formatLongDate(span.end)})` : '';
	const near = years?.near?.length ? ' and the dates around this one' : '';
	return `${which} from the plan's dates${runs}${near}; write a year to choose another.`;
}

// ---------------------------------------------------------------------------------------------
// Locale display ("Tue 27 – Wed 28 Feb 2024"), built on Intl so every locale works
