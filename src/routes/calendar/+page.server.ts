import {
	CALENDAR_VIEWS,
	calendarEntries,
	initialDate,
	listByMonth,
	undatedRows,
	zoneShortcuts
} from '#lib/domain/calendar.ts';
import { clashCountsByItem } from '#lib/domain/clashes.ts';
import { ANONYMOUS } from '#lib/domain/commitments.ts';
import { KIND_LABEL, KIND_ORDER } from '#lib/domain/plan-index.ts';
import { choiceFrom, personFrom, plainDateFrom, todayFrom, zoneFrom } from '#lib/server/http.ts';
import { planClashes } from '#lib/server/clashes.ts';
import type { PageServerLoad } from './$types';

// Every zone this runtime knows, for the picker; the people's zones and UTC are added because
// ICU lists some zones under older names (Asia/Katmandu for Asia/Kathmandu).
const RUNTIME_ZONES = Intl.supportedValuesOf('timeZone');

export const load: PageServerLoad = async ({ url, locals }) => {
	const { plan, index } = await locals.services.plan.current();
	const zone = zoneFrom(url);
	const person = personFrom(url, index.people);
	const view = choiceFrom(url, 'view', CALENDAR_VIEWS) ?? 'month';
	const now = Date.now();
	const today = todayFrom(url, plan.zone, now);
	const date = initialDate(index, today, plainDateFrom(url, 'date'));
	// Without JavaScript the server cannot know the browser's zone: it writes the plan's.
	const listZone = zone ?? plan.zone;
	const shortcuts = zoneShortcuts(index, now);
	const allZones = [
		...new Set([...RUNTIME_ZONES, ...shortcuts.map((s) => s.zone), 'UTC', listZone])
	].sort();
	return {
		zone,
		planZone: plan.zone,
		listZone,
		person,
		view,
		date,
		entries: calendarEntries(
			index,
			person,
			clashCountsByItem(planClashes(index, ANONYMOUS, locals.locale)),
			locals.locale
		),
		// The week shows the working day of the person whose items are shown (09:00–17:00 default).
		workHours: (person ? index.people.get(person)?.workingHours : undefined) ?? {
			start: '09:00',
			end: '17:00'
		},
		months: listByMonth(index, person, listZone, locals.locale),
		undated: undatedRows(index, person, locals.locale),
		shortcuts,
		allZones,
		people: plan.people
			.map((p) => ({ id: p.id, name: p.name }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		legend: KIND_ORDER.map((kind) => ({ kind, label: KIND_LABEL[kind].many }))
	};
};
