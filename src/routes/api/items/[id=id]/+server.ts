import { json } from '@sveltejs/kit';
import { conditional } from '#lib/server/conditional.ts';
import { apiActor, writeErrorResponse } from '#lib/server/api.ts';
import { readJsonBody } from '#lib/server/body.ts';
import {
	expectedRevision,
	ItemBody,
	itemChanges,
	itemEtag,
	itemGone,
	noSuchItem,
	readItem,
	staleItem
} from '#lib/server/items-api.ts';
import { EditConflict } from '#lib/server/write.ts';
import type { RequestHandler } from './$types';

/** One item with its assignments; the ETag is its revision (the feeds' SEQUENCE). */
export const GET: RequestHandler = async ({ params, request }) => {
	const doc = await readItem(params.id);
	if (doc === null) return noSuchItem(params.id);
	if (doc === 'removed') return itemGone(params.id);
	const etag = itemEtag(doc.revision);
	const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
	if (conditional(request, { etag })) return new Response(null, { status: 304, headers });
	return json(doc, { headers });
};

/** Replaces the item (and, when given, its set of assignments); If-Match required. */
export const PUT: RequestHandler = async ({ params, request, locals }) => {
	const { config } = locals.services;
	const actor = apiActor(request, locals, config.adminToken);
	if (!('kind' in actor)) return actor;
	const expected = expectedRevision(request);
	if (expected instanceof Response) return expected;
	const body = await readJsonBody(request, ItemBody, 256 * 1024);
	if (body instanceof Response) return body;
	if (body.item.id !== undefined && body.item.id !== params.id) {
		return json(
			{
				error: 'The item in the body has another id than the address; nothing was saved.',
				issues: [{ field: 'item.id', message: `cannot change (is "${params.id}")` }]
			},
			{ status: 400 }
		);
	}
	try {
		const full = await locals.services.plan.currentFull();
		await locals.services.plan.write(actor, {
			changes: itemChanges(full, params.id, body, 'update', expected)
		});
	} catch (e) {
		if (e instanceof EditConflict) return staleItem(params.id);
		return writeErrorResponse(e, (at) => (at ? `assignments[${at - 1}].` : 'item.'));
	}
	const doc = await readItem(params.id);
	if (doc === null || doc === 'removed') return noSuchItem(params.id);
	return json(doc, { headers: { ETag: itemEtag(doc.revision) } });
};

/** Removes the item; it stays in the feeds as CANCELLED. If-Match required. */
export const DELETE: RequestHandler = async ({ params, request, locals }) => {
	const { config } = locals.services;
	const actor = apiActor(request, locals, config.adminToken);
	if (!('kind' in actor)) return actor;
	const expected = expectedRevision(request);
	if (expected instanceof Response) return expected;
	try {
		await locals.services.plan.write(actor, {
			changes: [{ entity: 'item', id: params.id, action: 'delete', expected: String(expected) }]
		});
	} catch (e) {
		if (e instanceof EditConflict) return staleItem(params.id);
		return writeErrorResponse(e, () => 'item.');
	}
	return new Response(null, { status: 204 });
};
