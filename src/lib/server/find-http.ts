/** JSON request handling shared by the finder's API routes: body limits, 400s that name the field. */
import { json } from '@sveltejs/kit';
import { checkBearer } from './auth.ts';
import { textOr413 } from './body.ts';
import { EditConflict, EditInvalid } from './edit-repository.ts';
import { FindInputError } from './find.ts';

/** Reads and parses a JSON body, then runs `handle`; bad input becomes 400 (413 when too big). */
export async function jsonEndpoint(
	request: Request,
	locals: App.Locals,
	handle: (body: unknown) => Promise<Response> | Response
): Promise<Response> {
	const { config } = locals.services;
	const text = await textOr413(request, config.maxBodyBytes);
	if (text instanceof Response) return text;
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return json({ error: '(body): not valid JSON', field: '(body)' }, { status: 400 });
	}
	try {
		return await handle(body);
	} catch (e) {
		if (e instanceof FindInputError)
			return json({ error: e.message, field: e.field }, { status: 400 });
		if (e instanceof EditConflict)
			return json(
				{
					error: `${e.message} The item is now at revision ${e.version ?? '(removed)'}.`,
					revision: e.version === null ? null : Number(e.version)
				},
				{ status: 409 }
			);
		if (e instanceof EditInvalid)
			return json(
				{ error: e.message, field: e.issues[0]?.field ?? '(body)', issues: e.issues },
				{ status: 400 }
			);
		throw e;
	}
}

/**
 * Who may change the plan from the finder: a signed-in organizer, or the ADMIN_TOKEN bearer (as
 * for POST /api/plan). Returns the actor for the history, or the refusal to send.
 */
export function organizerOrToken(
	request: Request,
	locals: App.Locals
): { actor: string } | { refusal: Response } {
	if (locals.organizer) return { actor: `${locals.organizer.name} (organizer)` };
	const { config } = locals.services;
	const auth = checkBearer(request.headers.get('authorization'), config.adminToken);
	if (auth === 'ok') return { actor: 'api' };
	if (auth === 'disabled')
		return {
			refusal: json(
				{ error: 'Changing the plan is disabled: the server has no ADMIN_TOKEN set.' },
				{ status: 403 }
			)
		};
	return {
		refusal: json(
			{ error: 'Send the admin token as "Authorization: Bearer <token>".' },
			{ status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="iww-planner"' } }
		)
	};
}
