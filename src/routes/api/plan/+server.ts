import { json } from '@sveltejs/kit';
import { checkBearer } from '#lib/server/auth.ts';
import { BodyTooLarge, readTextLimited } from '#lib/server/body.ts';
import { PlanValidationError } from '#lib/server/plan-repository.ts';
import { currentPlan, getStore, replacePlanFromJson } from '#lib/server/store.ts';
import type { RequestHandler } from './$types';

/**
 * The whole plan as a PlanFile document: the same format `POST` and `npm run plan -- import` take.
 * Private busy reasons only for organizers (session or admin token); everyone else gets them blank.
 */
export const GET: RequestHandler = async ({ request, locals }) => {
	const snapshot = await currentPlan();
	const { config } = await getStore();
	const privileged =
		locals.organizer !== null ||
		checkBearer(request.headers.get('authorization'), config.adminToken) === 'ok';
	const body = privileged ? snapshot.fullJson : snapshot.json;
	const etag = privileged ? snapshot.fullEtag : snapshot.etag;
	const headers = {
		ETag: etag,
		'Cache-Control': 'no-cache',
		'Content-Type': 'application/json; charset=utf-8'
	};
	if (request.headers.get('if-none-match') === etag)
		return new Response(null, { status: 304, headers });
	return new Response(body, { headers });
};

/** Replaces the whole plan. Guarded by ADMIN_TOKEN; an invalid file changes nothing. */
export const POST: RequestHandler = async ({ request }) => {
	const { config } = await getStore();
	const auth = checkBearer(request.headers.get('authorization'), config.adminToken);
	if (auth === 'disabled') {
		return json(
			{ error: 'Replacing the plan is disabled: the server has no ADMIN_TOKEN set.' },
			{ status: 403 }
		);
	}
	if (auth !== 'ok') {
		return json(
			{ error: 'Send the admin token as "Authorization: Bearer <token>".' },
			{ status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="iww-planner"' } }
		);
	}
	let text: string;
	try {
		text = await readTextLimited(request, config.maxBodyBytes);
	} catch (e) {
		if (e instanceof BodyTooLarge) return json({ error: e.message }, { status: 413 });
		throw e;
	}
	try {
		const summary = await replacePlanFromJson(text, new Date());
		return json({ ok: true, ...summary });
	} catch (e) {
		if (e instanceof PlanValidationError) {
			return json(
				{ error: 'The plan file is not valid; nothing was changed.', issues: e.issues },
				{ status: 400 }
			);
		}
		throw e;
	}
};
