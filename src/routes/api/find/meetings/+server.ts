import { json } from '@sveltejs/kit';
import { checkBearer } from '#lib/server/auth.ts';
import { parseOr400, SaveBody, saveMeeting } from '#lib/server/find.ts';
import { jsonEndpoint } from '#lib/server/find-http.ts';
import { currentPlan, getStore } from '#lib/server/store.ts';
import type { RequestHandler } from './$types';

/**
 * Saves a chosen candidate to the plan as a meeting. Organizers only: a signed-in organizer, or
 * the ADMIN_TOKEN bearer, as for POST /api/plan.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const { config } = await getStore();
	const auth = locals.organizer
		? 'ok'
		: checkBearer(request.headers.get('authorization'), config.adminToken);
	if (auth === 'disabled')
		return json(
			{ error: 'Saving meetings is disabled: the server has no ADMIN_TOKEN set.' },
			{ status: 403 }
		);
	if (auth !== 'ok')
		return json(
			{ error: 'Send the admin token as "Authorization: Bearer <token>".' },
			{ status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="iww-planner"' } }
		);
	return jsonEndpoint(request, async (raw) => {
		const { index } = await currentPlan();
		const actor = locals.organizer ? `${locals.organizer.name} (organizer)` : 'api';
		const id = await saveMeeting(index, parseOr400(SaveBody, raw), new Date(), actor);
		return json({ ok: true, id, href: `/items/${id}` }, { status: 201 });
	});
};
