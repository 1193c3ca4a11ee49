import { json } from '@sveltejs/kit';
import { parseOr400 } from '#lib/server/find.ts';
import { jsonEndpoint, organizerOrToken } from '#lib/server/find-http.ts';
import { DecideBody } from '#lib/server/find-write.ts';
import type { RequestHandler } from './$types';

/** Decides a plan item on a found window: 200 with the item, 409 if it changed since. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const who = organizerOrToken(request, locals);
	if ('refusal' in who) return who.refusal;
	return jsonEndpoint(request, locals, async (raw) => {
		const { index } = await locals.services.plan.current();
		const body = parseOr400(DecideBody, raw);
		const { item, revision } = await locals.services.find.decide(index, body, who.actor);
		return json({ ok: true, item, revision, href: `/items/${item.id}` });
	});
};
