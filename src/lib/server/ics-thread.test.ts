import { describe, expect, it } from 'vitest';
import { busyFromIcs } from '#lib/domain/ics-import.ts';
import { manyEvents } from '../../../bench/ics.ts';
import { replaceSourcePeriods } from '#lib/domain/availability.ts';
import { readIcsOffThread } from './ics-thread.ts';
import { sha256 } from './hash.ts';

const span = { start: '2024-01-01', end: '2024-12-31' };
const file = (...events: string[]) =>
	['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', ...events, 'END:VCALENDAR'].join('\r\n');
const event = (uid: string, start: string, end: string, extra: string[] = []) =>
	['BEGIN:VEVENT', `UID:${uid}`, `DTSTART:${start}`, `DTEND:${end}`, ...extra, 'END:VEVENT'].join(
		'\r\n'
	);

describe('reading .ics files on the importer thread', () => {
	it('answers what busyFromIcs answers, for a good file and a refused one', async () => {
		const good = file(
			event('a', '20240305T090000Z', '20240305T100000Z'),
			event('b', '20240306', '20240307', ['RRULE:FREQ=WEEKLY;COUNT=3'])
		);
		const bad = file(event('c', '2024013T100000Z', '20240305T100000Z'));
		const [offGood, offBad] = await Promise.all([
			readIcsOffThread(good, span, 'Europe/Oslo').then((a) => a.result),
			readIcsOffThread(bad, span, 'Europe/Oslo').then((a) => a.result)
		]);
		expect(offGood).toEqual(busyFromIcs(good, span, 'Europe/Oslo'));
		expect(offGood.ok && offGood.periods.length).toBe(4);
		expect(offBad).toEqual(busyFromIcs(bad, span, 'Europe/Oslo'));
		expect(offBad.ok).toBe(false);
	});

	it('reads the bytes of a file as its UTF-8 text (a byte order mark, accents)', async () => {
		const text = file(
			event('é', '20240305T090000Z', '20240305T100000Z', ['SUMMARY:Réunion à Genève'])
		);
		const bytes = new TextEncoder().encode(`\uFEFF${text}`);
		const r = (await readIcsOffThread(bytes, span, 'UTC')).result;
		expect(r).toEqual(busyFromIcs(text, span, 'UTC'));
		expect(r.ok && r.periods[0]?.summary).toBe('Réunion à Genève');
	});

	it('refuses a rule that never occurs, within its budget', async () => {
		const never = file(
			event('n', '20240101T000000Z', '20240101T000100Z', [
				'RRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=31'
			])
		);
		const r = (await readIcsOffThread(never, span, 'UTC')).result;
		expect(r.ok).toBe(false);
		expect(!r.ok && r.error).toMatch(/^Line 8: "RRULE:FREQ=MINUTELY;.*never occurs/);
	});

	it('keeps this thread free while it reads a 2 MB file', async () => {
		const text = manyEvents();
		await readIcsOffThread(file(), span, 'UTC'); // the thread is loaded before we time it
		let ticks = 0;
		const timer = setInterval(() => ticks++, 5);
		const t0 = performance.now();
		const r = (await readIcsOffThread(text, span, 'UTC')).result;
		const ms = performance.now() - t0;
		clearInterval(timer);
		// 19,000 events in the span: more than one import may bring (5,000), found by reading it all.
		expect(r).toEqual(busyFromIcs(text, span, 'UTC'));
		expect(!r.ok && r.error).toMatch(/5,000/);
		// Read on this thread, the timer could not fire at all until the file was read.
		expect(ticks).toBeGreaterThanOrEqual(Math.min(5, Math.floor(ms / 50)));
		expect(ticks).toBeGreaterThan(0);
	});

	it('works out what importing into a source changes, with the ids periods always had', async () => {
		const text = file(
			event('a', '20240305T090000Z', '20240305T100000Z', ['SUMMARY:Dentist']),
			event('b', '20240306T090000Z', '20240306T100000Z')
		);
		const settings = { strength: 'hard', visibility: 'private', keepSummary: true } as const;
		const replace = { person: 'vint-cerf', sourceId: 's1', existing: [], settings };
		const { result, plan } = await readIcsOffThread(text, span, 'UTC', replace);
		expect(result.ok).toBe(true);
		const parsed = busyFromIcs(text, span, 'UTC');
		const here = replaceSourcePeriods({
			...replace,
			incoming: parsed.ok ? parsed.periods : [],
			idFor: (key) => `b-s1-${sha256(key).slice(0, 16)}`
		});
		expect(plan).toEqual(here);
		expect(plan?.added).toBe(2);
		expect(plan?.changes.map((c) => c.id)).toEqual([
			`b-s1-${sha256('a\u0000').slice(0, 16)}`,
			`b-s1-${sha256('b\u0000').slice(0, 16)}`
		]);
	});
});
