import { fail, redirect } from '@sveltejs/kit';
import { findInPerson } from '#lib/domain/finder.ts';
import { hostChoices } from '#lib/domain/cities.ts';
import { findVirtual } from '#lib/domain/virtual-finder.ts';
import {
	DEFAULT_FORM,
	DEFAULT_VIRTUAL_FORM,
	finderPlan,
	FindInputError,
	inPersonQuery,
	InPersonBody,
	parseOr400,
	SaveBody,
	saveMeeting,
	VirtualBody,
	virtualQuery
} from '#lib/server/find.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const list = (s: string) =>
	s
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);
/** A number field as typed; anything else goes to zod as is, so it names the field. */
const num = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : s);

export const load: PageServerLoad = async ({ url, locals }) => {
	const { index } = await currentPlan();
	const fp = finderPlan(index);
	const tab = url.searchParams.get('tab') === 'virtual' ? 'virtual' : 'in-person';
	const p = (name: string, fallback: string | number) =>
		url.searchParams.get(name) ?? String(fallback);
	const names = (ids: string[]) => ids.map((id) => index.people.get(id)?.name ?? id);
	const people = Object.fromEntries(
		[...index.people.values()].map((x) => [x.id, { name: x.name, initials: x.initials ?? null }])
	);
	const base = {
		tab,
		/** Signed-in organizers can save a candidate as a meeting from here. */
		canSave: locals.organizer !== null,
		people,
		hosts: hostChoices(index).map((l) => ({ id: l.id, city: l.city, country: l.country })),
		meetings: index.plan.items
			.filter((i) => i.kind === 'meeting')
			.map((i) => ({ id: i.id, title: i.title }))
	};
	if (tab === 'in-person') {
		const form = {
			location: p('location', DEFAULT_FORM.location),
			days: p('days', DEFAULT_FORM.days),
			from: p('from', DEFAULT_FORM.from),
			to: p('to', DEFAULT_FORM.to),
			required: p('required', DEFAULT_FORM.required),
			optional: p('optional', DEFAULT_FORM.optional),
			min: p('min', 0),
			weekends: p('weekends', 'yes'),
			holidays: p('holidays', 'yes'),
			item: p('item', DEFAULT_FORM.item)
		};
		try {
			const body = parseOr400(InPersonBody, {
				location: form.location,
				days: num(form.days),
				from: form.from,
				to: form.to,
				required: list(form.required),
				optional: list(form.optional),
				minAttendees: num(form.min),
				avoidWeekends: form.weekends !== 'no',
				avoidHolidays: form.holidays !== 'no',
				...(form.item ? { item: form.item } : {})
			});
			const q = inPersonQuery(index, body);
			const result = findInPerson(fp, q, { type: 'anonymous' }, locals.locale);
			return {
				...base,
				form,
				error: null,
				host: { id: q.host.id, city: q.host.city },
				result,
				total: q.required.length + q.optional.length,
				requiredNames: names(result.required),
				virtual: null
			};
		} catch (e) {
			if (!(e instanceof FindInputError)) throw e;
			return {
				...base,
				form,
				error: e.message,
				host: null,
				result: null,
				total: 0,
				requiredNames: [],
				virtual: null
			};
		}
	}
	const vform = {
		minutes: p('minutes', DEFAULT_VIRTUAL_FORM.minutes),
		from: p('from', DEFAULT_VIRTUAL_FORM.from),
		to: p('to', DEFAULT_VIRTUAL_FORM.to),
		required: p('required', DEFAULT_VIRTUAL_FORM.required),
		optional: p('optional', DEFAULT_VIRTUAL_FORM.optional),
		occurrences: p('occurrences', DEFAULT_VIRTUAL_FORM.occurrences),
		every: p('every', DEFAULT_VIRTUAL_FORM.everyDays),
		start: p('start', DEFAULT_VIRTUAL_FORM.start),
		item: p('item', DEFAULT_VIRTUAL_FORM.item)
	};
	const vbase = { ...base, form: null, host: null, result: null, total: 0, requiredNames: [] };
	try {
		const body = parseOr400(VirtualBody, {
			minutes: num(vform.minutes),
			from: vform.from,
			to: vform.to,
			required: list(vform.required),
			optional: list(vform.optional),
			occurrences: num(vform.occurrences),
			everyDays: num(vform.every),
			starts: list(vform.start),
			...(vform.item ? { item: vform.item } : {})
		});
		const q = virtualQuery(index, body);
		return {
			...vbase,
			error: null,
			virtual: { form: vform, result: findVirtual(fp, q, locals.locale) }
		};
	} catch (e) {
		if (!(e instanceof FindInputError)) throw e;
		return { ...vbase, error: e.message, virtual: { form: vform, result: null } };
	}
};

export const actions: Actions = {
	/** Saves an in-person candidate as a meeting (organizers), then opens the new item. */
	save: async ({ request, locals }) => {
		if (!locals.organizer) return fail(403, { saveError: 'Sign in as an organizer to save.' });
		const f = await request.formData();
		const text = (name: string) => {
			const v = f.get(name);
			return typeof v === 'string' ? v : '';
		};
		let id: string;
		try {
			const body = parseOr400(SaveBody, {
				title: text('title'),
				location: text('location'),
				start: text('start'),
				end: text('end'),
				required: list(text('required')),
				optional: list(text('optional'))
			});
			const { index } = await currentPlan();
			id = await saveMeeting(index, body, new Date(), `${locals.organizer.name} (organizer)`);
		} catch (e) {
			if (e instanceof FindInputError) return fail(400, { saveError: e.message });
			throw e;
		}
		redirect(303, `/items/${id}`);
	}
};
