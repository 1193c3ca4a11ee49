import { json } from '@sveltejs/kit';
import { findInPerson } from '#lib/domain/finder.ts';
import { indexSeenBy, viewerOf } from '#lib/server/clashes.ts';
import { finderPlan, inPersonQuery, InPersonBody, parseOr400 } from '#lib/server/find.ts';
import { jsonEndpoint } from '#lib/server/find-http.ts';
import type { RequestHandler } from './$types';

/** Ranked in-person windows with who can come and, for everyone else, every reason. */
export const POST: RequestHandler = async ({ request, locals }) =>
	jsonEndpoint(request, async (raw) => {
		const viewer = await viewerOf(request, locals);
		const index = await indexSeenBy(viewer);
		const query = inPersonQuery(index, parseOr400(InPersonBody, raw));
		const r = findInPerson(finderPlan(index), query, viewer, locals.locale);
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
