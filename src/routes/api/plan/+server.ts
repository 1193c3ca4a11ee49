import { json } from '@sveltejs/kit';
import { conditional } from '#lib/server/conditional.ts';
import { apiActor, ifMatchVersion } from '#lib/server/api.ts';
import { checkBearer } from '#lib/server/auth.ts';
import { textOr413 } from '#lib/server/body.ts';
import { PlanValidationError } from '#lib/server/plan-repository.ts';
import { PlanConflict } from '#lib/server/write.ts';
import type { RequestHandler } from './$types';

/**
 * The whole plan as a PlanFile document: the same format `POST` and `npm run plan -- import` take.
 * Private busy reasons only for organizers (session or admin token); everyone else gets them blank.
 */
export const GET: RequestHandler = async ({ request, locals }) => {
	const snapshot = await locals.services.plan.current();
	const { config } = locals.services;
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
	if (conditional(request, { etag })) return new Response(null, { status: 304, headers });
	return new Response(body, { headers });
};

/**
 * Replaces the whole plan. Guarded by ADMIN_TOKEN (or an organizer session); an invalid file
 * changes nothing. `If-Match` with the ETag of the plan the file was based on makes the import
 * refuse (412) when the plan changed since.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const { config } = locals.services;
	const actor = apiActor(request, locals, config.adminToken);
	if (!('kind' in actor)) return actor;
	const expected = ifMatchVersion(request);
	if (expected === 'malformed') {
		return json(
			{ error: 'If-Match must be an ETag from GET /api/plan, like "plan-12".' },
			{ status: 400 }
		);
	}
	const text = await textOr413(request, config.maxBodyBytes);
	if (text instanceof Response) return text;
	try {
		const summary = await locals.services.plan.replaceFromJson(
			text,
			new Date(),
			actor,
			expected ?? undefined
		);
		return json({ ok: true, ...summary });
	} catch (e) {
		if (e instanceof PlanValidationError) {
			return json(
				{ error: 'The plan file is not valid; nothing was changed.', issues: e.issues },
				{ status: 400 }
			);
		}
		if (e instanceof PlanConflict) {
			return json(
				{ error: e.message, current: `"plan-${e.current}"` },
				{ status: 412, headers: { ETag: `"plan-${e.current}"` } }
			);
		}
		throw e;
	}
};
