import { json } from '@sveltejs/kit';
import { jsonEndpoint } from '#lib/server/find-http.ts';
import type { RequestHandler } from './$types';

/** Ranked UTC start times for a call, with everyone's local time, and a fair series. */
export const POST: RequestHandler = async ({ request, locals }) =>
	jsonEndpoint(request, locals, async (raw) => {
		const { index } = await locals.services.plan.current();
		const r = locals.services.find.virtual(index, raw, locals.locale);
		return json(r, { headers: { 'Cache-Control': 'no-store' } });
	});
