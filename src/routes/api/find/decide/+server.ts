import { json } from '@sveltejs/kit';
import { decide, DecideBody, parseOr400 } from '#lib/server/find.ts';
import { jsonEndpoint, organizerOrToken } from '#lib/server/find-http.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { RequestHandler } from './$types';

/** Decides a plan item on a found window: 200 with the item, 409 if it changed since. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const who = await organizerOrToken(request, locals);
	if ('refusal' in who) return who.refusal;
	return jsonEndpoint(request, async (raw) => {
		const { index } = await currentPlan();
		const { item, revision } = await decide(index, parseOr400(DecideBody, raw), who.actor);
		return json({ ok: true, item, revision, href: `/items/${item.id}` });
	});
};
