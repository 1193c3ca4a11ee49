/**
 * iCalendar (RFC 5545) text to a tree of components whose every property keeps its physical line
 * number, so any refusal can name the line. Our own reader rather than ical.js's: ical.js names
 * a bad line's text but not its number, and its parser is all or nothing.
 *
 * Everything here is linear in the size of the text; nothing interprets time (see values.ts).
 */

/** A refusal the member reads: a sentence about their file, with the line it is about. */
export class IcsError extends Error {
	readonly line: number | null;
	constructor(line: number | null, message: string) {
		super(message);
		this.name = 'IcsError';
		this.line = line;
	}
}

export type Prop = {
	/** Upper-cased property name. */
	name: string;
	/** Upper-cased parameter names; the first value of each (quotes removed). */
	params: Record<string, string>;
	value: string;
	line: number;
	/** The unfolded line as written, shortened, for messages. */
	text: string;
};

export type Comp = { name: string; line: number; props: Prop[]; children: Comp[] };

/** Up to `max` characters of a line, for quoting it in a message. */
export const quote = (text: string, max = 60): string =>
	text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** Counts in refusals: "20,000". */
export const fmt = (n: number) => n.toLocaleString('en');

const NAME = /^[A-Za-z0-9-]+/;
const NO_PARAMS: Record<string, string> = Object.freeze({});

/** One content line: NAME *(;PARAM=value) : value. Null when it is not one. */
export function parseLine(text: string, line: number): Prop | null {
	const m = NAME.exec(text);
	if (!m) return null;
	const name = m[0].toUpperCase();
	let i = m[0].length;
	// Most lines have no parameters: they share one empty (frozen) object.
	const params: Record<string, string> = text[i] === ';' ? {} : NO_PARAMS;
	while (text[i] === ';') {
		const eq = text.indexOf('=', i);
		if (eq < 0) return null;
		const pname = text.slice(i + 1, eq).toUpperCase();
		if (!/^[A-Z0-9-]+$/.test(pname)) return null;
		i = eq + 1;
		let first: string | null = null;
		// A parameter may hold several comma-separated values, each maybe in double quotes.
		for (;;) {
			let v: string;
			if (text[i] === '"') {
				const close = text.indexOf('"', i + 1);
				if (close < 0) return null;
				v = text.slice(i + 1, close);
				i = close + 1;
			} else {
				let j = i;
				while (j < text.length && text[j] !== ';' && text[j] !== ':' && text[j] !== ',') j++;
				v = text.slice(i, j);
				i = j;
			}
			first ??= v;
			if (text[i] !== ',') break;
			i++;
		}
		if (!(pname in params)) params[pname] = first;
	}
	if (text[i] !== ':') return null;
	return { name, params, value: text.slice(i + 1), line, text: quote(text) };
}

/** The calendars in a file (several VCALENDAR blocks are read in turn). */
export function parseIcs(input: string): Comp[] {
	const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
	const calendars: Comp[] = [];
	const stack: Comp[] = [];
	// Unfold as we go: a line starting with a space or tab continues the previous one.
	let current: { text: string; line: number } | null = null;
	const flush = () => {
		if (!current) return;
		const { text: l, line } = current;
		current = null;
		const prop = parseLine(l, line);
		if (!prop) throw new IcsError(line, `this is not a calendar line: "${quote(l)}"`);
		if (prop.name === 'BEGIN' || prop.name === 'END') {
			const cname = prop.value.trim().toUpperCase();
			if (!/^[A-Z0-9-]+$/.test(cname))
				throw new IcsError(line, `"${quote(l)}" does not name a component`);
			if (prop.name === 'BEGIN') {
				if (stack.length === 0 && cname !== 'VCALENDAR')
					throw new IcsError(line, 'an .ics file starts with BEGIN:VCALENDAR');
				if (stack.length >= 8) throw new IcsError(line, 'components are nested too deeply');
				const comp: Comp = { name: cname, line, props: [], children: [] };
				const parent = stack[stack.length - 1];
				if (parent) parent.children.push(comp);
				else calendars.push(comp);
				stack.push(comp);
			} else {
				const open = stack.pop();
				if (!open || open.name !== cname)
					throw new IcsError(line, `END:${cname} does not close the open component`);
			}
			return;
		}
		const owner = stack[stack.length - 1];
		if (!owner) throw new IcsError(line, 'an .ics file starts with BEGIN:VCALENDAR');
		owner.props.push(prop);
	};
	let start = 0;
	let lineNo = 0;
	const n = text.length;
	while (start <= n) {
		let end = text.indexOf('\n', start);
		if (end < 0) end = n;
		let raw = text.slice(start, end);
		start = end + 1;
		lineNo++;
		if (raw.endsWith('\r')) raw = raw.slice(0, -1);
		if ((raw.startsWith(' ') || raw.startsWith('\t')) && current) {
			current.text += raw.slice(1);
			continue;
		}
		flush();
		if (raw !== '' && /\S/.test(raw)) current = { text: raw, line: lineNo };
		if (end === n) break;
	}
	flush();
	const open = stack.pop();
	if (open) throw new IcsError(open.line, `BEGIN:${open.name} is never closed`);
	if (calendars.length === 0) throw new IcsError(1, 'an .ics file starts with BEGIN:VCALENDAR');
	return calendars;
}

export const first = (c: Comp, name: string): Prop | undefined =>
	c.props.find((p) => p.name === name);
export const all = (c: Comp, name: string): Prop[] => c.props.filter((p) => p.name === name);
