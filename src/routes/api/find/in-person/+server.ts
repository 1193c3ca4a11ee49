import { json } from '@sveltejs/kit';
import { indexSeenBy, viewerOf } from '#lib/server/clashes.ts';
import { jsonEndpoint } from '#lib/server/find-http.ts';
import type { RequestHandler } from './$types';

/** Ranked in-person windows with who can come and, for everyone else, every reason. */
export const POST: RequestHandler = async ({ request, locals }) =>
	jsonEndpoint(request, locals, async (raw) => {
		const viewer = await viewerOf(request, locals);
		const r = locals.services.find.inPerson(await indexSeenBy(viewer), raw, viewer, locals.locale);
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
