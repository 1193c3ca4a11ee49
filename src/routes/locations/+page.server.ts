import { weekendLabel } from '#lib/domain/host-calendar.ts';
import { epochDay } from '#lib/domain/intervals.ts';
import { todayFrom } from '#lib/server/http.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { plan } = await locals.services.plan.current();
	const today = epochDay(todayFrom(url, plan.zone, Date.now()));
	const weekends = Object.fromEntries(plan.locations.map((l) => [l.id, weekendLabel(l, today)]));
	return { locations: plan.locations, weekends, canEdit: locals.organizer !== null };
};
