/** JSON request handling shared by the finder's API routes: body limits, 400s that name the field. */
import { json } from '@sveltejs/kit';
import { BodyTooLarge, readTextLimited } from './body.ts';
import { FindInputError } from './find.ts';
import { getStore } from './store.ts';

/** Reads and parses a JSON body, then runs `handle`; bad input becomes 400 (413 when too big). */
export async function jsonEndpoint(
	request: Request,
	handle: (body: unknown) => Promise<Response> | Response
): Promise<Response> {
	const { config } = await getStore();
	let text: string;
	try {
		text = await readTextLimited(request, config.maxBodyBytes);
	} catch (e) {
		if (e instanceof BodyTooLarge) return json({ error: e.message }, { status: 413 });
		throw e;
	}
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
		throw e;
	}
}
