/**
 * An organizer's change to a place's host calendar (its weekend, an added or removed holiday, a
 * working day, an undo), from the place's page: parsed and checked by
 * domain/host-calendar-edit.ts, written as one location update, then back to the page.
 */
import { redirect, type RequestEvent as KitEvent } from '@sveltejs/kit';
import { applyCalendarEdit, parseCalendarEdit } from '#lib/domain/host-calendar-edit.ts';
import { formValues, invalid, readForm, saveUpdate } from './forms.ts';
import { organizerOrFail } from './guard.ts';

/** The place page's request: its address names the place. */
type RequestEvent = KitEvent<{ id: string }>;

/** One calendar change, written through the one write function and recorded in history. */
export async function changeHostCalendar(
	{ request, locals, params, url }: RequestEvent,
	action: string
) {
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
	const patch = (before: unknown) => {
		const next = applyCalendarEdit((before as typeof location).calendar, parsed.edit);
		const rest = { ...(before as typeof location) };
		delete rest.calendar;
		return next.ok && next.calendar ? { ...rest, calendar: next.calendar } : rest;
	};
	const done = await saveUpdate(
		locals,
		actor,
		{ entity: 'location', id: params.id, patch },
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
