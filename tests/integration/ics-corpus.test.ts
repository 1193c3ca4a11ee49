/**
 * The importer against an independent reading of real calendar files: every file of
 * tests/fixtures/ics/corpus (see SOURCES.md) is read by busyFromIcs and by Debian's
 * python3-recurring-ical-events (tests/fixtures/ics/reference.py) over a span per file (the
 * year from its first event), and every busy occurrence's start and end must agree — or the
 * difference is listed in differences.json with the reason our reading is the right one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { busyFromIcs } from '../../src/lib/domain/ics-import.ts';
import { parseIcs } from '../../src/lib/domain/ics/parse.ts';
import { addDays } from '../../src/lib/domain/dates.ts';

const DIR = path.resolve('tests/fixtures/ics/corpus');
const PYTHON = '/usr/bin/python3';
const FLOATING = 'UTC';

type Listed = { reason: string; oursOnly?: string[]; theirsOnly?: string[]; refused?: string };
const listed = JSON.parse(
	readFileSync(path.resolve('tests/fixtures/ics/differences.json'), 'utf8')
) as Record<string, Listed>;

const files = readdirSync(DIR)
	.filter((f) => f.endsWith('.ics'))
	.sort();

/** The year from the day before the file's first VEVENT start (both readings then hold it). */
function spanOf(text: string): { start: string; end: string } {
	let first = '9999-12-31';
	try {
		for (const cal of parseIcs(text))
			for (const c of cal.children) {
				if (c.name !== 'VEVENT') continue;
				const v = c.props.find((p) => p.name === 'DTSTART')?.value ?? '';
				const m = /^(\d{4})(\d{2})(\d{2})/.exec(v);
				const d = m ? `${m[1]}-${m[2]}-${m[3]}` : first;
				if (d < first) first = d;
			}
	} catch {
		// A file we refuse still gets a span for the reference.
	}
	if (first === '9999-12-31') first = '2024-01-01';
	return { start: addDays(first, -1), end: addDays(first, 365) };
}

const key = (start: string, end: string) => `${start}/${end}`;

function ours(text: string, span: { start: string; end: string }) {
	const r = busyFromIcs(text, span, FLOATING);
	if (!r.ok) return { refused: r.error };
	return {
		keys: r.periods.map((p) =>
			p.when.type === 'timed'
				? key(p.when.start, p.when.end)
				: p.when.type === 'day'
					? key(p.when.date, addDays(p.when.date, 1))
					: p.when.type === 'range'
						? key(p.when.start, addDays(p.when.end, 1))
						: 'unexpected'
		)
	};
}

type Ref = {
	ok: boolean;
	error?: string;
	occurrences?: { start: string; end: string; status: string; transp: string }[];
};

function theirs(): Record<string, Ref> {
	const args = files.map((f) => {
		const span = spanOf(readFileSync(path.join(DIR, f), 'utf8'));
		return `${f}@${span.start}@${addDays(span.end, 1)}`;
	});
	const out = execFileSync(
		PYTHON,
		[path.resolve('tests/fixtures/ics/reference.py'), FLOATING, ...args],
		{
			cwd: DIR,
			maxBuffer: 64 * 1024 * 1024
		}
	);
	return JSON.parse(out.toString('utf8')) as Record<string, Ref>;
}

const multisetDiff = (a: string[], b: string[]): string[] => {
	const counts = new Map<string, number>();
	for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
	const out: string[] = [];
	for (const x of a) {
		const n = counts.get(x) ?? 0;
		if (n > 0) counts.set(x, n - 1);
		else out.push(x);
	}
	return out.sort();
};

describe('the corpus of real calendar files', () => {
	it('has at least 40 files, each with its origin in SOURCES.md', () => {
		expect(files.length).toBeGreaterThanOrEqual(40);
		const sources = readFileSync(path.resolve('tests/fixtures/ics/SOURCES.md'), 'utf8');
		for (const f of files) expect(sources, f).toContain(`\`${f}\``);
		for (const f of Object.keys(listed)) expect(files, `differences.json lists ${f}`).toContain(f);
	});

	it('reads every file as python3-recurring-ical-events does, or the difference is listed', () => {
		expect(existsSync(PYTHON)).toBe(true);
		const reference = theirs();
		const found: Record<string, Listed> = {};
		for (const f of files) {
			const text = readFileSync(path.join(DIR, f), 'utf8');
			const span = spanOf(text);
			const mine = ours(text, span);
			const ref = reference[f];
			if (!ref) throw new Error(`no reference reading of ${f}`);
			const theirKeys = (ref.occurrences ?? [])
				.filter((o) => o.status !== 'CANCELLED' && o.transp !== 'TRANSPARENT')
				// We keep only busy time with a length; an instant is not busy.
				.filter((o) => o.start.length === 10 || o.start < o.end)
				.map((o) =>
					key(o.start, o.end.length === 10 && o.end === o.start ? addDays(o.start, 1) : o.end)
				);
			if ('refused' in mine) {
				found[f] = { reason: '', refused: mine.refused };
				continue;
			}
			if (!ref.ok) {
				found[f] = { reason: '', refused: `reference: ${ref.error}` };
				continue;
			}
			const oursOnly = multisetDiff(mine.keys, theirKeys);
			const theirsOnly = multisetDiff(theirKeys, mine.keys);
			if (oursOnly.length || theirsOnly.length) found[f] = { reason: '', oursOnly, theirsOnly };
		}
		const strip = (l: Record<string, Listed>) =>
			Object.fromEntries(Object.entries(l).map(([f, { reason: _reason, ...rest }]) => [f, rest]));
		if (process.env.ICS_CORPUS_PRINT) console.log(JSON.stringify(found, null, '\t'));
		expect(strip(found)).toEqual(strip(listed));
		for (const [f, l] of Object.entries(listed))
			expect(l.reason.length, `reason for ${f}`).toBeGreaterThan(20);
	});

	it('imports the whole corpus in under 2 s, no file over 300 ms', () => {
		let total = 0;
		let slowest = 0;
		for (const f of files) {
			const text = readFileSync(path.join(DIR, f), 'utf8');
			const span = spanOf(text);
			const t0 = performance.now();
			busyFromIcs(text, span, FLOATING);
			const ms = performance.now() - t0;
			total += ms;
			slowest = Math.max(slowest, ms);
		}
		expect(total).toBeLessThan(2000);
		expect(slowest).toBeLessThan(300);
	});
});
