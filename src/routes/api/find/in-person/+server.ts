import { json } from '@sveltejs/kit';
import { findInPerson } from '#lib/domain/finder.ts';
import { viewerOf } from '#lib/server/clashes.ts';
import { finderPlan, inPersonQuery, InPersonBody, parseOr400 } from '#lib/server/find.ts';
import { jsonEndpoint } from '#lib/server/find-http.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { RequestHandler } from './$types';

/** Ranked in-person windows with who can come and, for everyone else, every reason. */
export const POST: RequestHandler = async ({ request, locals }) =>
	jsonEndpoint(request, async (raw) => {
		const { index } = await currentPlan();
		const query = inPersonQuery(index, parseOr400(InPersonBody, raw));
		const r = findInPerson(finderPlan(index), query, await viewerOf(request), locals.locale);
		return json(
			{
				satisfiable: r.satisfiable,
				candidates: r.candidates,
				proposed: r.proposed,
				heat: r.heat
			},
			{ headers: { 'Cache-Control': 'no-store' } }
		);
	});
