import { error } from '@sveltejs/kit';
import { resolve } from '#lib/domain/dates.ts';
import { planSpan } from '#lib/domain/gantt-layout.ts';
import { calendarPage, calendarSpan } from '#lib/domain/host-calendar-view.ts';
import { todayFrom } from '#lib/server/http.ts';
import { changeHostCalendar } from '#lib/server/host-calendar-form.ts';
import type { Actions, PageServerLoad } from './$types';

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

export const actions: Actions = {
	weekend: (e) => changeHostCalendar(e, 'weekend'),
	add: (e) => changeHostCalendar(e, 'add'),
	remove: (e) => changeHostCalendar(e, 'remove'),
	workday: (e) => changeHostCalendar(e, 'workday'),
	undo: (e) => changeHostCalendar(e, 'undo')
};
