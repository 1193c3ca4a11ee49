/**
 * The parser's tokenizer: the text, lower-cased (ASCII only) with its dashes and spaces mapped
 * one-for-one, cut into numbers, words, ISO dates, times, UTC offsets and punctuation; and the
 * Cursor the backtracking grammar walks over them.
 */
import { MONTH_NAMES, WEEKDAY_NAMES } from '../wording.ts';

/** A sentence for the person who typed the text; thrown inside the parser, returned as ok:false. */
export class ParseFail extends Error {}

export const MONTH_WORDS = new Map<string, number>();
MONTH_NAMES.forEach((name, i) => {
	MONTH_WORDS.set(name.toLowerCase(), i + 1);
	MONTH_WORDS.set(name.slice(0, 3).toLowerCase(), i + 1);
});
MONTH_WORDS.set('sept', 9);

export const WEEKDAY_WORDS = new Map<string, number>();
WEEKDAY_NAMES.forEach((name, i) => {
	WEEKDAY_WORDS.set(name.toLowerCase(), i + 1);
	WEEKDAY_WORDS.set(name.slice(0, 3).toLowerCase(), i + 1);
});
for (const [w, n] of [
	['tues', 2],
	['weds', 3],
	['thur', 4],
	['thurs', 4]
] as const)
	WEEKDAY_WORDS.set(w, n);

export type Span = { at: number; to: number };
export type Tok = Span &
	(
		| { k: 'iso'; y: number; m: number; d: number }
		| { k: 'time'; h: number; min: number; s: number; raw: string }
		| { k: 'offset'; minutes: number }
		| { k: 'num'; v: number; digits: number; ordinal: boolean }
		| { k: 'q'; v: number }
		| { k: 'word'; w: string }
		| { k: 'dash' }
		| { k: 'slash' }
		| { k: 'comma' }
	);

type Rule = [RegExp, (m: RegExpExecArray, span: Span) => Tok | null];
const RULES: Rule[] = [
	[/[\s.]+/y, () => null],
	[
		/(\d{4})-(\d{2})-(\d{2})(?!\d)/y,
		(m, sp) => ({ k: 'iso', y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), ...sp })
	],
	[
		/(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d)/y,
		(m, sp) => ({
			k: 'time',
			h: Number(m[1]),
			min: Number(m[2]),
			s: Number(m[3] ?? 0),
			raw: m[0],
			...sp
		})
	],
	[
		/\(\s*(?:utc|gmt)\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*\)/y,
		(m, sp) => ({
			k: 'offset',
			minutes: (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)),
			...sp
		})
	],
	[/q([1-4])(?![\da-z])/y, (m, sp) => ({ k: 'q', v: Number(m[1]), ...sp })],
	[
		/(\d+)(st|nd|rd|th)?(?![\da-z])/y,
		(m, sp) => ({
			k: 'num',
			v: Number(m[1]),
			digits: (m[1] ?? '').length,
			ordinal: m[2] !== undefined,
			...sp
		})
	],
	[/[a-z]+/y, (m, sp) => ({ k: 'word', w: m[0], ...sp })],
	[/-/y, (_m, sp) => ({ k: 'dash', ...sp })],
	[/\//y, (_m, sp) => ({ k: 'slash', ...sp })],
	[/,/y, (_m, sp) => ({ k: 'comma', ...sp })]
];

/**
 * Lower-cases ASCII only and maps dashes one-for-one, so token offsets index the original text
 * (error messages quote the user's own spelling).
 */
export function normalize(text: string): string {
	return text
		.replace(/[A-Z]/g, (c) => c.toLowerCase())
		.replace(/[\u2010-\u2015\u2212]/g, '-')
		.replace(/[\u00a0\u2009\u202f]/g, ' ');
}

export function tokenize(low: string): Tok[] | null {
	const toks: Tok[] = [];
	let pos = 0;
	outer: while (pos < low.length) {
		for (const [re, make] of RULES) {
			re.lastIndex = pos;
			const m = re.exec(low);
			if (m === null || m[0].length === 0) continue;
			const tok = make(m, { at: pos, to: pos + m[0].length });
			if (tok) toks.push(tok);
			pos += m[0].length;
			continue outer;
		}
		return null;
	}
	return toks;
}

export class Cursor {
	toks: Tok[];
	i = 0;
	constructor(toks: Tok[]) {
		this.toks = toks;
	}
	peek(): Tok | undefined {
		return this.toks[this.i];
	}
	done(): boolean {
		return this.i >= this.toks.length;
	}
	/** Consumes the next token if it is one of these words. */
	word(...ws: string[]): string | null {
		const t = this.peek();
		if (t?.k === 'word' && ws.includes(t.w)) {
			this.i++;
			return t.w;
		}
		return null;
	}
	/** Consumes a sequence of words, all or nothing. */
	words(...ws: string[]): boolean {
		const mark = this.i;
		for (const w of ws) {
			if (this.word(w) === null) {
				this.i = mark;
				return false;
			}
		}
		return true;
	}
	kind<K extends Tok['k']>(k: K): Extract<Tok, { k: K }> | null {
		const t = this.peek();
		if (t?.k === k) {
			this.i++;
			return t as Extract<Tok, { k: K }>;
		}
		return null;
	}
	/** Runs a grammar rule; on null, rewinds so the next alternative starts where this one did. */
	attempt<T>(rule: () => T | null): T | null {
		const mark = this.i;
		const r = rule();
		if (r === null) this.i = mark;
		return r;
	}
	/** Like attempt, but the rule must consume every remaining token. */
	whole<T>(rule: () => T | null): T | null {
		const mark = this.i;
		const r = rule();
		if (r === null || !this.done()) {
			this.i = mark;
			return null;
		}
		return r;
	}
}
