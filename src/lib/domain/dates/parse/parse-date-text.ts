/**
 * The parser's entry point: reads a date as people write it (and as formatSpec writes it) into a
 * DateSpec, or a sentence saying what could not be read. A small tokenizer (tokens.ts) and a
 * backtracking grammar over the tokens, one module per phrase family; the schema has the last
 * word on validity.
 */
import { DateSpec, type PlainDate } from '../../schema.ts';
import { daysInMonth, diffDays, plain } from '../plain-date.ts';
import { bounds } from '../spec.ts';
import { formatLongDate } from '../wording.ts';
import { candidates } from './candidates.ts';
import { deadline } from './deadlines.ts';
import type { Body, Ctx } from './grammar.ts';
import { single } from './period.ts';
import { parseTimed } from './timed.ts';
import { Cursor, MONTH_WORDS, normalize, ParseFail, type Tok, tokenize } from './tokens.ts';
import { windowPhrase } from './windows.ts';

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

const HINT =
	'try "1 March 2024", "27–31 May 2024", "early May 2024", "by 15 February 2024", "Q3 2024" or "TBD"';

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
