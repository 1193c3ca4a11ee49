import { error } from '@sveltejs/kit';
import { recordPersonalFetch } from '#lib/server/delivery.ts';
import { feedResponse, publicBase, serveFeed } from '#lib/server/feeds.ts';
import type { RequestHandler } from './$types';

/**
 * One person's private feed. A wrong token, or one whose person left the plan, is a plain 404.
 * Each answered fetch goes into the delivery ledger (buffered; the response does not wait).
 */
export const GET: RequestHandler = async ({ request, url, params, locals }) => {
	const owner = await locals.services.access.feedOwner(params.token);
	const { index } = await locals.services.plan.current();
	if (!owner || !index.people.has(owner.personId)) error(404, 'No such feed.');
	const filter = {
		type: 'person',
		person: owner.personId,
		includePrivateBusy: owner.includePrivateBusy
	} as const;
	const now = new Date();
	const changes = `/feeds/people/${params.token}/changes`;
	const feed = await serveFeed(filter, await publicBase(url), now, changes);
	const response = feedResponse(request, feed, filter, 'private');
	const agent = request.headers.get('user-agent');
	recordPersonalFetch(owner.personId, agent, response.status, feed.etag, now);
	return response;
};
