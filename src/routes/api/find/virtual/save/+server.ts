import { json } from '@sveltejs/kit';
import { parseOr400 } from '#lib/server/find.ts';
import { jsonEndpoint, organizerOrToken } from '#lib/server/find-http.ts';
import { SeriesBody } from '#lib/server/find-write.ts';
import type { RequestHandler } from './$types';

/** Saves a found virtual slot, or a whole series (one meeting per occurrence), in one write. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const who = organizerOrToken(request, locals);
	if ('refusal' in who) return who.refusal;
	return jsonEndpoint(request, locals, async (raw) => {
		const { index } = await locals.services.plan.current();
		const ids = await locals.services.find.saveSeries(
			index,
			parseOr400(SeriesBody, raw),
			who.actor
		);
		return json({ ok: true, ids, hrefs: ids.map((id) => `/items/${id}`) }, { status: 201 });
	});
};
