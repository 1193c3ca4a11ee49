import { error, redirect } from '@sveltejs/kit';
import { resolve } from '#lib/domain/dates.ts';
import { planSpan } from '#lib/domain/gantt-layout.ts';
import { applyCalendarEdit, parseCalendarEdit } from '#lib/domain/host-calendar-edit.ts';
import { calendarPage, calendarSpan } from '#lib/domain/host-calendar-view.ts';
import { formValues, invalid, readForm, runEdit } from '#lib/server/forms.ts';
import { organizerOrFail } from '#lib/server/guard.ts';
import { todayFrom } from '#lib/server/http.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// Plain forms: the page works, and is tested, without JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { plan, index } = await locals.services.plan.current();
	const location = index.locations.get(params.id);
	if (!location) error(404, `There is no place “${params.id}” in the plan.`);
	const today = todayFrom(url, plan.zone, Date.now());
	const span = calendarSpan(today, planSpan(plan.items.map((it) => resolve(it.when))));
	const canEdit = locals.organizer !== null;
	return {
		location,
		today,
		todayParam: url.searchParams.get('today'),
		calendar: calendarPage(location, span.from, span.to, locals.locale),
		own: location.calendar ?? {},
		canEdit,
		version: canEdit ? await locals.services.versions.of('location', location) : null
	};
};

/** One calendar change, written through the one write function and recorded in history. */
async function change({ request, locals, params, url }: RequestEvent, action: string) {
	const actor = organizerOrFail(locals);
	if (!actor) return invalid(403, { form: 'Sign in as an organizer first.' }, {}, { form: action });
	const form = await readForm(request);
	if (!form) return invalid(400, { form: 'Send the form.' }, {}, { form: action });
	const values = formValues(form);
	const text = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v : undefined;
	};
	const all = (k: string) =>
		form
			.getAll(k)
			.filter((v): v is string => typeof v === 'string')
			.slice(0, 7);
	const parsed = parseCalendarEdit(action, text, all);
	if (!parsed.ok) return invalid(400, parsed.errors, values, { form: action });
	const { index } = await locals.services.plan.current();
	const location = index.locations.get(params.id);
	if (!location)
		return invalid(404, { form: 'This place is no longer in the plan.' }, values, { form: action });
	// Checked here for a clear message; applied again inside the transaction to what is there.
	const first = applyCalendarEdit(location.calendar, parsed.edit);
	if (!first.ok) return invalid(400, first.errors, values, { form: action });
	const expected = values.version ? { expected: values.version } : {};
	const done = await runEdit(
		() =>
			locals.services.plan.edit(
				{
					entity: 'location',
					id: params.id,
					action: 'update',
					patch: (before) => {
						const next = applyCalendarEdit((before as typeof location).calendar, parsed.edit);
						const rest = { ...(before as typeof location) };
						delete rest.calendar;
						return next.ok && next.calendar ? { ...rest, calendar: next.calendar } : rest;
					},
					...expected
				},
				actor
			),
		values,
		action
	);
	if (!done.ok) return done.failure;
	const today = url.searchParams.get('today');
	redirect(
		303,
		`/locations/${params.id}${today ? `?today=${encodeURIComponent(today)}` : ''}#${action}`
	);
}

export const actions: Actions = {
	weekend: (e) => change(e, 'weekend'),
	add: (e) => change(e, 'add'),
	remove: (e) => change(e, 'remove'),
	workday: (e) => change(e, 'workday'),
	undo: (e) => change(e, 'undo')
};
