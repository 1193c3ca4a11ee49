import { json } from '@sveltejs/kit';
import { deliveryView, mayReadDelivery } from '#lib/server/delivery-view.ts';
import type { RequestHandler } from './$types';

/**
 * Each member's calendar: last fetch, client, version held, and the changes it has not seen.
 * Organizers only (a session or the admin token): who fetched when is private.
 */
export const GET: RequestHandler = async ({ request, locals }) => {
	if (!(await mayReadDelivery(locals, request))) {
		return json(
			{ error: 'Only organizers see who fetched their calendar: sign in or send the admin token.' },
			{ status: 403 }
		);
	}
	return json(await deliveryView(locals.locale, new Date()), {
		headers: { 'Cache-Control': 'private, no-store' }
	});
};
