/**
 * The /find page's forms: what the browser sends becomes the API's request bodies, wrong input
 * names its field, and the organizer's writes map refusals to the right status.
 */
import { isActionFailure } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import seed from '../../../data/iww-2024.plan.json' with { type: 'json' };
import { indexPlan } from '../domain/plan-index.ts';
import { PlanFile } from '../domain/schema.ts';
import { EditConflict } from './edit-repository.ts';
import { FindInputError } from './find.ts';
import {
	asOrganizer,
	DEFAULT_FORM,
	holdsBody,
	inPersonBody,
	inPersonForm,
	pickedIn,
	seriesBody,
	virtualBody,
	virtualForm
} from './find-forms.ts';
import { finderChoices } from './find-page.ts';

const form = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};

/** The field a FindInputError names, or the value when nothing was thrown. */
function fieldOf(run: () => unknown): string {
	try {
		run();
		return '(accepted)';
	} catch (e) {
		if (e instanceof FindInputError) return e.field;
		throw e;
	}
}

describe('the in-person search form', () => {
	it('keeps each field as typed, with the defaults for what is missing', () => {
		const q = new URLSearchParams('days=abc&required=LF,+HD&req=panel&weekends=no');
		const f = inPersonForm(q);
		expect(f).toMatchObject({ days: 'abc', required: 'LF, HD', weekends: 'no', min: '0' });
		expect(f.location).toBe(DEFAULT_FORM.location);
		expect(pickedIn(q)).toEqual({ req: ['panel'], opt: [] });
	});

	it('becomes the API body: typed names and ticked ones together, numbers as numbers', () => {
		const q = new URLSearchParams('required=LF,+HD&req=panel&days=3&weekends=no&item=');
		const body = inPersonBody(inPersonForm(q), pickedIn(q));
		expect(body).toMatchObject({ days: 3, required: ['LF', 'HD', 'panel'], avoidWeekends: false });
		expect(body.avoidHolidays).toBe(true);
		expect(body.item).toBeUndefined();
	});

	it('names the field typed wrong', () => {
		const bad = (s: string) => {
			const q = new URLSearchParams(s);
			return fieldOf(() => inPersonBody(inPersonForm(q), pickedIn(q)));
		};
		expect(bad('days=abc')).toBe('days');
		expect(bad('min=-1')).toBe('minAttendees');
		expect(bad('from=2024-02-30')).toBe('from');
		expect(bad('')).toBe('(accepted)');
	});
});

describe('the virtual search form', () => {
	it("takes the viewer's zone unless ?zone= names one", () => {
		expect(virtualForm(new URLSearchParams(''), 'Asia/Tokyo').zone).toBe('Asia/Tokyo');
		expect(virtualForm(new URLSearchParams('zone=UTC'), 'Asia/Tokyo').zone).toBe('UTC');
	});

	it('becomes the API body, the starts to explain as a list', () => {
		const q = new URLSearchParams('start=2023-12-18T16:00Z,+2023-12-19T09:00Z&every=14');
		const body = virtualBody(virtualForm(q, 'UTC'), pickedIn(q));
		expect(body.starts).toEqual(['2023-12-18T16:00Z', '2023-12-19T09:00Z']);
		expect(body.everyDays).toBe(14);
		const short = new URLSearchParams('minutes=5');
		expect(fieldOf(() => virtualBody(virtualForm(short, 'UTC'), pickedIn(short)))).toBe('minutes');
	});
});

describe("the organizer's forms", () => {
	it('reads each occurrence of a series from "start/end"', () => {
		const f = form([
			['title', 'Weekly call'],
			['occ', '2024-03-04T13:00Z/2024-03-04T14:00Z'],
			['occ', '2024-03-11T13:00Z/2024-03-11T14:00Z'],
			['required', 'Panel']
		]);
		expect(seriesBody(f).occurrences).toEqual([
			{ start: '2024-03-04T13:00Z', end: '2024-03-04T14:00Z' },
			{ start: '2024-03-11T13:00Z', end: '2024-03-11T14:00Z' }
		]);
		const noSlash = form([
			['title', 'x'],
			['occ', '2024-03-04T13:00Z']
		]);
		expect(fieldOf(() => seriesBody(noSlash))).toBe('occurrences.0.end');
	});

	it('holds only when the switch says "on", against the revision seen', () => {
		const f = (holds: string) =>
			form([
				['item', 'riyadh-meeting-2024'],
				['holds', holds],
				['revision', '3']
			]);
		expect(holdsBody(f('on'))).toEqual({
			item: 'riyadh-meeting-2024',
			holds: true,
			expectedRevision: 3
		});
		expect(holdsBody(f('off')).holds).toBe(false);
		expect(
			fieldOf(() =>
				holdsBody(
					form([
						['item', 'riyadh-meeting-2024'],
						['revision', 'x']
					])
				)
			)
		).toBe('expectedRevision');
	});

	const organizer = {
		organizer: { name: 'Ana', sessionId: 's' },
		member: null,
		locale: 'en-GB'
	} as unknown as App.Locals;
	const anonymous = { organizer: null, member: null, locale: 'en-GB' } as unknown as App.Locals;

	it('refuses anyone but an organizer (403) without running the write', async () => {
		let ran = false;
		const r = await asOrganizer(anonymous, 'decide', () => {
			ran = true;
			return Promise.resolve();
		});
		expect(isActionFailure(r)).toBe(true);
		expect([r?.status, r?.data.saveError]).toEqual([403, 'Sign in as an organizer to decide.']);
		expect(ran).toBe(false);
	});

	it('gives the write the actor, and maps refusals: bad input 400, a change since 409', async () => {
		let actor = '';
		const ok = await asOrganizer(organizer, 'save', (a) => {
			actor = a;
			return Promise.resolve();
		});
		expect(ok).toBeUndefined();
		expect(actor).toBe('Ana (organizer)');
		const bad = await asOrganizer(organizer, 'save', () =>
			Promise.reject(new FindInputError('days', 'no'))
		);
		expect([bad?.status, bad?.data.saveError]).toEqual([400, 'days: no']);
		const moved = await asOrganizer(organizer, 'decide', () =>
			Promise.reject(new EditConflict(null, '4', null))
		);
		expect(moved?.status).toBe(409);
		expect(moved?.data.saveError).toMatch(/Search again/);
		await expect(
			asOrganizer(organizer, 'save', () => Promise.reject(new Error('disk full')))
		).rejects.toThrow('disk full');
	});
});

describe('what both tabs offer', () => {
	const index = indexPlan(PlanFile.parse(seed));

	it('lists every person once in the pickers, the ungrouped under "In no group"', () => {
		const c = finderChoices(index, { req: [], opt: [] }, false);
		const listed = new Set(c.picker.flatMap((g) => g.members.map((m) => m.id)));
		expect([...index.people.keys()].every((id) => listed.has(id))).toBe(true);
		expect(c.suggestions.slice(0, 2)).toEqual(['all members', 'everyone']);
		expect(new Set(c.suggestions).size).toBe(c.suggestions.length);
		expect(c.meetings.some((m) => m.id === DEFAULT_FORM.item)).toBe(true);
	});

	it('offers leads only to an organizer', () => {
		expect(finderChoices(index, { req: [], opt: [] }, false).leads).toEqual([]);
		expect(finderChoices(index, { req: [], opt: [] }, true).leads).toHaveLength(index.people.size);
	});
});
