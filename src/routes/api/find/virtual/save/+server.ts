import { json } from '@sveltejs/kit';
import { parseOr400, saveSeries, SeriesBody } from '#lib/server/find.ts';
import { jsonEndpoint, organizerOrToken } from '#lib/server/find-http.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { RequestHandler } from './$types';

/** Saves a found virtual slot, or a whole series (one meeting per occurrence), in one write. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const who = await organizerOrToken(request, locals);
	if ('refusal' in who) return who.refusal;
	return jsonEndpoint(request, async (raw) => {
		const { index } = await currentPlan();
		const ids = await saveSeries(index, parseOr400(SeriesBody, raw), who.actor);
		return json({ ok: true, ids, hrefs: ids.map((id) => `/items/${id}`) }, { status: 201 });
	});
};
