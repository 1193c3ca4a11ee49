import { json } from '@sveltejs/kit';
import { parseOr400, SaveBody, saveMeeting } from '#lib/server/find.ts';
import { jsonEndpoint, organizerOrToken } from '#lib/server/find-http.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { RequestHandler } from './$types';

/** Saves a chosen window as a new meeting (searches without a plan item). Organizers only. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const who = await organizerOrToken(request, locals);
	if ('refusal' in who) return who.refusal;
	return jsonEndpoint(request, async (raw) => {
		const { index } = await currentPlan();
		const id = await saveMeeting(index, parseOr400(SaveBody, raw), who.actor);
		return json({ ok: true, id, href: `/items/${id}` }, { status: 201 });
	});
};
