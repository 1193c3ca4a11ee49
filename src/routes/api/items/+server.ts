import { json } from '@sveltejs/kit';
import { apiActor, writeErrorResponse } from '#lib/server/api.ts';
import { readJsonBody } from '#lib/server/body.ts';
import { ItemBody, itemChanges, itemEtag, readItem } from '#lib/server/items-api.ts';
import type { RequestHandler } from './$types';

/** Creates an item (with its assignments): 201 with its address; 400 naming the bad field. */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	const { config } = locals.services;
	const actor = apiActor(request, locals, config.adminToken);
	if (!('kind' in actor)) return actor;
	const body = await readJsonBody(request, ItemBody, 256 * 1024);
	if (body instanceof Response) return body;
	const id = body.item.id;
	if (typeof id !== 'string') {
		return json(
			{ error: 'The item needs an id.', issues: [{ field: 'item.id', message: 'is required' }] },
			{ status: 400 }
		);
	}
	try {
		const full = await locals.services.plan.currentFull();
		await locals.services.plan.write(actor, { changes: itemChanges(full, id, body, 'create') });
	} catch (e) {
		return writeErrorResponse(e, (at) => (at ? `assignments[${at - 1}].` : 'item.'));
	}
	const doc = await readItem(id);
	if (doc === null || doc === 'removed') throw new Error(`item ${id} vanished after its creation`);
	return json(doc, {
		status: 201,
		headers: { Location: new URL(`/api/items/${id}`, url).pathname, ETag: itemEtag(doc.revision) }
	});
};
