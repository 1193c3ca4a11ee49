/**
 * Windows: a week ("w/c 4 March 2024"), a half ("H1 2024", "second half of May") or a season
 * ("spring 2024", read in the hemisphere of the plan's zone). Each is a `by` spec with a `from`:
 * it has to happen somewhere inside.
 */
import { hemisphereOf } from '../../hemisphere.ts';
import type { PlainDate } from '../../schema.ts';
import { addDays, daysInMonth, plain } from '../plain-date.ts';
import { datePart, realDate } from './days.ts';
import { type Body, checkYear, type Ctx, guessYear, monthWord, year } from './grammar.ts';
import { ParseFail } from './tokens.ts';

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

export /** A whole text that is a week, a half or a season, maybe introduced by "in" or "during". */
function windowPhrase(ctx: Ctx): Window | null {
	const { c } = ctx;
	return c.whole(() => {
		c.word('in', 'during');
		return weekOf(ctx) ?? half(ctx) ?? season(ctx);
	});
}
