import { feedResponse, publicBase, serveFeed } from '#lib/server/feeds.ts';
import type { RequestHandler } from './$types';

/** The whole public plan as a subscribable calendar. */
export const GET: RequestHandler = async ({ request, url }) => {
	const filter = { type: 'all' } as const;
	const feed = await serveFeed(filter, await publicBase(url), new Date());
	return feedResponse(request, feed, filter, 'public');
};
