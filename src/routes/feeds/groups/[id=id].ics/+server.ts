import { error } from '@sveltejs/kit';
import { feedResponse, publicBase, serveFeed } from '#lib/server/feeds.ts';
import type { RequestHandler } from './$types';

/** The items of one group (a working group, the MAG, …). */
export const GET: RequestHandler = async ({ request, url, params, locals }) => {
	const { index } = await locals.services.plan.current();
	if (!index.groups.has(params.id)) error(404, `There is no group called “${params.id}”.`);
	const filter = { type: 'group', group: params.id } as const;
	const feed = await serveFeed(filter, await publicBase(url), new Date());
	return feedResponse(request, feed, filter, 'public');
};
