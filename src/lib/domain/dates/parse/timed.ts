/**
 * Timed phrases: "1 March 2024 16:00–17:30 Europe/Brussels", with an optional UTC offset after
 * a time for the hour the clocks pass twice. Times that never happen (spring-forward gaps) and
 * offsets a zone does not have at that time are refused with a sentence.
 */
import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';
import type { PlainDate } from '../../schema.ts';
import { formatInstant } from '../instant.ts';
import { day } from '../plain-date.ts';
import { formatLongDate } from '../wording.ts';
import { datePart, realDate } from './days.ts';
import { type Body, type Ctx, endsBeforeStart } from './grammar.ts';
import {
	Cursor,
	MONTH_WORDS,
	normalize,
	ParseFail,
	type Tok,
	tokenize,
	WEEKDAY_WORDS
} from './tokens.ts';

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

export function parseTimed(text: string, defaultZone: string | undefined): Body | null {
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
