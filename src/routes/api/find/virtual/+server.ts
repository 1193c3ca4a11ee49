import { json } from '@sveltejs/kit';
import { findVirtual } from '#lib/domain/virtual-finder.ts';
import { finderPlan, parseOr400, VirtualBody, virtualQuery } from '#lib/server/find.ts';
import { jsonEndpoint } from '#lib/server/find-http.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { RequestHandler } from './$types';

/** Ranked UTC start times for a call, with everyone's local time, and a fair series. */
export const POST: RequestHandler = async ({ request, locals }) =>
	jsonEndpoint(request, async (raw) => {
		const { index } = await currentPlan();
		const query = virtualQuery(index, parseOr400(VirtualBody, raw));
		const r = findVirtual(finderPlan(index), query, locals.locale);
		return json(r, { headers: { 'Cache-Control': 'no-store' } });
	});
