/**
 * Small helpers shared by the JSON write APIs: who is calling (admin token or organizer session),
 * the version an `If-Match` names, and the one mapping from write errors to JSON answers.
 */
import { json } from '@sveltejs/kit';
import type { Actor } from '#lib/domain/actor.ts';
import { EditForbidden, EditInvalid, EditNotFound } from '#lib/domain/plan-changes.ts';
import { checkBearer } from './auth.ts';
import { EditConflict, PlanConflict } from './write.ts';

/** The actor of an API write, or the 401/403 answer when there is none. */
export function apiActor(
	request: Request,
	locals: App.Locals,
	adminToken: string | null
): Actor | Response {
	const auth = checkBearer(request.headers.get('authorization'), adminToken);
	if (auth === 'ok') return { kind: 'admin-token' };
	if (locals.organizer) return { kind: 'organizer', name: locals.organizer.name };
	if (auth === 'disabled') {
		return json(
			{
				error:
					'Writing through the API is disabled: the server has no ADMIN_TOKEN set (or sign in as an organizer).'
			},
			{ status: 403 }
		);
	}
	return json(
		{
			error: 'Send the admin token as "Authorization: Bearer <token>", or sign in as an organizer.'
		},
		{ status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="iww-planner"' } }
	);
}

/**
 * The number an `If-Match` ETag carries: `"12"`, `"plan-12"` or `"plan-12-full"` give 12; null
 * when there is no header; 'malformed' for anything else (a list, `*`, free text).
 */
export function ifMatchVersion(request: Request): number | null | 'malformed' {
	const header = request.headers.get('if-match');
	if (header === null) return null;
	const m = /^\s*(?:W\/)?"(?:plan-)?(\d{1,15})(?:-full)?"\s*$/.exec(header);
	return m?.[1] ? Number(m[1]) : 'malformed';
}

export type ApiIssue = { field: string; message: string };

/** Write errors as JSON answers; anything else is rethrown (a real 500). */
export function writeErrorResponse(
	e: unknown,
	fieldPrefix: (at: number | undefined) => string = () => ''
): Response {
	if (e instanceof EditInvalid) {
		const prefix = fieldPrefix(e.at);
		const issues: ApiIssue[] = e.issues.map((i) => ({
			field: i.field === 'form' ? prefix.replace(/\.$/, '') || '(body)' : `${prefix}${i.field}`,
			message: i.message
		}));
		return json({ error: 'The change is not valid; nothing was saved.', issues }, { status: 400 });
	}
	if (e instanceof EditNotFound) return json({ error: e.message }, { status: 404 });
	if (e instanceof EditForbidden) return json({ error: e.message }, { status: 403 });
	if (e instanceof PlanConflict) return json({ error: e.message }, { status: 412 });
	if (e instanceof EditConflict)
		return json({ error: e.message, current: e.current }, { status: 412 });
	throw e;
}
