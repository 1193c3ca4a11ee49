/**
 * Dates as people write them: weeks, halves, seasons, quarters, and dates without a year that
 * take one from the plan. Every case runs under the extreme host zones, since none may depend on
 * where the server runs.
 */
import { describe, expect, it } from 'vitest';
import seed from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { previewDate } from './changes.ts';
import { itemDateContext, yearContext } from './date-context.ts';
import { inferYear, parseDateText, resolve, type ParseOptions } from './dates.ts';
import { hemisphereOf } from './hemisphere.ts';
import { PlanFile, type DateSpec } from './schema.ts';
import { TEST_ZONES, withTZ } from './tz.test-helper.ts';

const plan = PlanFile.parse(seed);

function read(text: string, opts: ParseOptions = {}) {
	const r = parseDateText(text, opts);
	if (!r.ok) throw new Error(`expected "${text}" to parse: ${r.error}`);
	return r;
}

function days(spec: DateSpec): [string | null, string | null, boolean] {
	const r = resolve(spec);
	return [r.earliest, r.latest, r.exact];
}

const Y2024 = { span: { start: '2024-01-10', end: '2024-12-20' } };

/** Text, options, first day, last day, exact. */
const TABLE: [string, ParseOptions, string, string, boolean][] = [
	['w/c 4 March 2024', {}, '2024-03-04', '2024-03-10', false],
	['W/C 4 Mar 2024', {}, '2024-03-04', '2024-03-10', false],
	['week commencing 4 March 2024', {}, '2024-03-04', '2024-03-10', false],
	['the week of 4 March 2024', {}, '2024-03-04', '2024-03-10', false],
	['w/c 30 December 2024', {}, '2024-12-30', '2025-01-05', false],
	['first half of May 2024', {}, '2024-05-01', '2024-05-15', false],
	['second half of May 2024', {}, '2024-05-16', '2024-05-31', false],
	['2nd half of February 2024', {}, '2024-02-16', '2024-02-29', false],
	['first half of 2024', {}, '2024-01-01', '2024-06-30', false],
	['H1 2024', {}, '2024-01-01', '2024-06-30', false],
	['h2 2024', {}, '2024-07-01', '2024-12-31', false],
	['2024 H2', {}, '2024-07-01', '2024-12-31', false],
	['Q2 2024', {}, '2024-04-01', '2024-06-30', false],
	['end of Q1 2024', {}, '2024-03-01', '2024-03-31', false],
	['start of Q3 2024', {}, '2024-07-01', '2024-07-31', false],
	['by the end of Q1 2024', {}, '2024-03-31', '2024-03-31', true],
	['spring 2024', { planZone: 'Europe/Brussels' }, '2024-03-01', '2024-05-31', false],
	['spring 2024', { planZone: 'Australia/Sydney' }, '2024-09-01', '2024-11-30', false],
	['autumn 2024', { planZone: 'America/Sao_Paulo' }, '2024-03-01', '2024-05-31', false],
	['fall 2024', { planZone: 'America/New_York' }, '2024-09-01', '2024-11-30', false],
	['winter 2023/24', { planZone: 'Europe/Oslo' }, '2023-12-01', '2024-02-29', false],
	['winter 2024', { planZone: 'Europe/Oslo' }, '2024-12-01', '2025-02-28', false],
	['summer 2024', { planZone: 'UTC' }, '2024-06-01', '2024-08-31', false],
	// Without a year, inside a plan of 2024
	['by February 15th', { years: Y2024 }, '2024-02-15', '2024-02-15', true],
	['26-29 February', { years: Y2024 }, '2024-02-26', '2024-02-29', true],
	['March 1st', { years: Y2024 }, '2024-03-01', '2024-03-01', true],
	['May 27–31', { years: Y2024 }, '2024-05-27', '2024-05-31', true],
	['early May', { years: Y2024 }, '2024-05-01', '2024-05-10', false],
	['September', { years: Y2024 }, '2024-09-01', '2024-09-30', false],
	['Q2', { years: Y2024 }, '2024-04-01', '2024-06-30', false],
	['end of Q1', { years: Y2024 }, '2024-03-01', '2024-03-31', false],
	['by end of Q1', { years: Y2024 }, '2024-03-31', '2024-03-31', true],
	['w/c 4 March', { years: Y2024 }, '2024-03-04', '2024-03-10', false],
	['second half of July', { years: Y2024 }, '2024-07-16', '2024-07-31', false],
	['spring', { years: Y2024, planZone: 'Europe/Brussels' }, '2024-03-01', '2024-05-31', false]
];

describe('dates as people write them', () => {
	for (const zone of TEST_ZONES) {
		it.each(TABLE)(`reads "%s" (TZ=${zone})`, (text, opts, first, last, exact) => {
			withTZ(zone, () => {
				const r = read(text, opts);
				expect(days(r.spec)).toEqual([first, last, exact]);
				// The wording is kept as typed: the plan's words stay the plan's words.
				expect(r.spec.text).toBe(text.trim());
			});
		});
	}

	it('says where a yearless date got its year, and says nothing when the year is written', () => {
		expect(read('by February 15th', { years: Y2024 }).notes).toEqual([
			"The year, 2024, comes from the plan's dates (it runs 10 January 2024 – 20 December 2024); write a year to choose another."
		]);
		expect(read('by 15 February 2024', { years: Y2024 }).notes).toBeUndefined();
	});

	it('names the hemisphere of a season, and says when the zone does not tell', () => {
		expect(read('spring 2024', { planZone: 'Australia/Sydney' }).notes).toEqual([
			'Seasons are read for the southern hemisphere, where Australia/Sydney is.'
		]);
		expect(read('spring 2024', { planZone: 'UTC' }).notes).toEqual([
			'Seasons are read for the northern hemisphere: the time zone UTC names no place.'
		]);
	});

	it('refuses a yearless date when there is no plan to take the year from', () => {
		const r = parseDateText('by February 15th');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toContain('add the year');
	});

	it('refuses a season range that does not cross the new year', () => {
		const r = parseDateText('winter 2023/24', { planZone: 'Australia/Sydney' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toContain('does not cross the new year');
	});

	it('puts 29 February only in a leap year', () => {
		const span = { start: '2022-06-01', end: '2025-06-01' };
		expect(inferYear({ span, near: ['2023-03-01'] }, 2, 29)).toBe(2024);
		expect(read('29 February', { years: { span, near: ['2023-02-20'] } }).spec).toMatchObject({
			type: 'day',
			date: '2024-02-29'
		});
	});
});

describe('year inference in a plan spanning two years', () => {
	// A plan from 1 December 2023 to 31 December 2024: "15 December" is inside it twice.
	const span = { start: '2023-12-01', end: '2024-12-31' };

	for (const zone of TEST_ZONES) {
		it(`follows the neighbours (TZ=${zone})`, () => {
			withTZ(zone, () => {
				const early = { span, near: ['2023-12-05', '2023-12-20'] };
				const late = { span, near: ['2024-11-20', '2024-12-02'] };
				expect(read('15 December', { years: early }).spec).toMatchObject({ date: '2023-12-15' });
				expect(read('15 December', { years: late }).spec).toMatchObject({ date: '2024-12-15' });
				// A range across the new year keeps both ends inside the plan.
				const jan = { span, near: ['2024-01-08'] };
				expect(read('20 December – 10 January', { years: jan }).spec).toMatchObject({
					type: 'range',
					start: '2023-12-20',
					end: '2024-01-10'
				});
				// Months only one year holds inside the span take that year, whatever is near.
				expect(read('by March 1st', { years: early }).spec).toMatchObject({ date: '2024-03-01' });
			});
		});
	}

	it('without neighbours, prefers the year inside the plan', () => {
		expect(inferYear({ span }, 6, 1)).toBe(2024);
		expect(inferYear({ span }, 12, 10)).toBe(2023);
		expect(inferYear({}, 6, 1)).toBeNull();
	});
});

describe('the IWW plan’s own wording', () => {
	it('reads "by February 15th" for the WSIS+20 submission as 15 February 2024', () => {
		const p = previewDate(
			'by February 15th',
			plan.zone,
			'en-GB',
			itemDateContext(plan, 'wsis-20-joint-submission')
		);
		expect(p).toMatchObject({ ok: true, label: 'by 15 February 2024', bounds: '15 Feb 2024' });
	});

	it('reads "26-29 February" (MWC) as 26–29 February 2024', () => {
		const p = previewDate('26-29 February', plan.zone, 'en-GB', itemDateContext(plan, 'mwc-2024'));
		expect(p).toMatchObject({ ok: true, bounds: '26–29 Feb 2024' });
	});

	it('has a span from its first to its last dated item', () => {
		const ctx = yearContext(plan);
		expect(ctx.span?.start).toBe('2023-12-18');
		expect(ctx.span?.end.slice(0, 4)).toBe('2024');
		expect(ctx.near).toBeUndefined();
	});
});

describe('hemisphereOf', () => {
	it.each([
		['Europe/Brussels', 'northern'],
		['America/Mexico_City', 'northern'],
		['Australia/Sydney', 'southern'],
		['Pacific/Auckland', 'southern'],
		['America/Argentina/Buenos_Aires', 'southern'],
		['Africa/Johannesburg', 'southern'],
		['UTC', null],
		['Etc/GMT+3', null]
	])('%s is %s', (zone, expected) => {
		expect(hemisphereOf(zone)).toBe(expected);
	});
});
