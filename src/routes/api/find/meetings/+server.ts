import { json } from '@sveltejs/kit';
import { parseOr400 } from '#lib/server/find.ts';
import { jsonEndpoint, organizerOrToken } from '#lib/server/find-http.ts';
import { SaveBody } from '#lib/server/find-write.ts';
import type { RequestHandler } from './$types';

/** Saves a chosen window as a new meeting (searches without a plan item). Organizers only. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const who = organizerOrToken(request, locals);
	if ('refusal' in who) return who.refusal;
	return jsonEndpoint(request, locals, async (raw) => {
		const { index } = await locals.services.plan.current();
		const id = await locals.services.find.save(index, parseOr400(SaveBody, raw), who.actor);
		return json({ ok: true, id, href: `/items/${id}` }, { status: 201 });
	});
};
