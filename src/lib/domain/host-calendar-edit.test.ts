import { describe, expect, it } from 'vitest';
import { applyCalendarEdit, parseCalendarEdit, type CalendarEdit } from './host-calendar-edit.ts';
import { calendarSpan } from './host-calendar-view.ts';
import type { HostCalendarSpec } from './schema.ts';

const edit = (action: string, fields: Record<string, string>, weekend: string[] = []) =>
	parseCalendarEdit(
		action,
		(k) => fields[k],
		() => weekend
	);

const apply = (spec: HostCalendarSpec | undefined, e: CalendarEdit) => {
	const r = applyCalendarEdit(spec, e);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.calendar;
};

describe('an organizer edit of a location calendar', () => {
	it('sets a weekend with its source, sorted Monday first, and resets it to the default', () => {
		const e = edit('weekend', { mode: 'custom', source: 'https://example.org/w' }, ['sun', 'fri']);
		expect(e.ok).toBe(true);
		const cal = apply(undefined, (e as { edit: CalendarEdit }).edit);
		expect(cal).toEqual({ weekend: ['fri', 'sun'], weekendSource: 'https://example.org/w' });
		const back = edit('weekend', { mode: 'default', source: '' });
		expect(apply(cal, (back as { edit: CalendarEdit }).edit)).toBeUndefined();
		// No day ticked: no weekend at all.
		const none = edit('weekend', { mode: 'custom', source: '' });
		expect(apply(undefined, (none as { edit: CalendarEdit }).edit)).toEqual({ weekend: [] });
	});

	it('adds, replaces by date, removes and undoes', () => {
		const add = (date: string, name: string) =>
			(edit('add', { date, name, source: '' }) as { edit: CalendarEdit }).edit;
		let cal = apply(undefined, add('2024-03-05', 'Venue closed'));
		cal = apply(cal, add('2024-01-02', 'Bridge'));
		cal = apply(cal, add('2024-03-05', 'Venue closed (all day)'));
		expect(cal?.holidays?.add).toEqual([
			{ date: '2024-01-02', name: 'Bridge' },
			{ date: '2024-03-05', name: 'Venue closed (all day)' }
		]);
		const wd = edit('workday', { date: '2024-02-04', reason: 'make-up', source: 'https://x.org' });
		cal = apply(cal, (wd as { edit: CalendarEdit }).edit);
		expect(cal?.workdays).toEqual([
			{ date: '2024-02-04', reason: 'make-up', source: 'https://x.org' }
		]);
		const undo = (list: string, date: string) =>
			(edit('undo', { list, date }) as { edit: CalendarEdit }).edit;
		cal = apply(cal, undo('workdays', '2024-02-04'));
		cal = apply(cal, undo('add', '2024-01-02'));
		cal = apply(cal, undo('add', '2024-03-05'));
		expect(cal).toBeUndefined();
	});

	it('refuses bad input field by field', () => {
		expect(edit('add', { date: '2024-02-30', name: 'x', source: '' })).toEqual({
			ok: false,
			errors: { date: 'is not a real calendar date' }
		});
		expect(edit('remove', { date: '2024-02-20', reason: ' ', source: 'ftp://x' })).toEqual({
			ok: false,
			errors: { reason: 'is required', source: 'must be an http(s) link' }
		});
		expect(edit('weekend', { mode: 'custom', source: '' }, ['funday']).ok).toBe(false);
		expect(edit('explode', {}).ok).toBe(false);
	});

	it('refuses a list past the PlanFile limit instead of cutting it', () => {
		const full: HostCalendarSpec = {
			workdays: Array.from({ length: 200 }, (_, i) => ({
				date: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
				reason: 'x'
			}))
		};
		const more = edit('workday', { date: '2025-01-04', reason: 'one more', source: '' });
		const r = applyCalendarEdit(full, (more as { edit: CalendarEdit }).edit);
		expect(r.ok).toBe(false);
	});
});

describe('the span the location page shows', () => {
	it('covers the plan and the next 12 months', () => {
		expect(calendarSpan('2024-02-01', { start: '2023-12-01', end: '2024-12-31' })).toEqual({
			from: '2023-12-01',
			to: '2025-01-31'
		});
		expect(calendarSpan('2024-02-01', null)).toEqual({ from: '2024-02-01', to: '2025-01-31' });
		expect(calendarSpan('2024-02-01', { start: '2024-03-01', end: '2026-01-01' })).toEqual({
			from: '2024-02-01',
			to: '2026-01-01'
		});
	});
});
