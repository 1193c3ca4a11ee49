import { ItemKind } from '#lib/domain/schema.ts';
import { feedResponse, publicBase, serveFeed } from '#lib/server/feeds.ts';
import type { RequestHandler } from './$types';

/** One item kind (deadlines, meetings, …) of the public plan. */
export const GET: RequestHandler = async ({ request, url, params }) => {
	const filter = { type: 'kind', kind: ItemKind.parse(params.kind) } as const;
	const feed = await serveFeed(filter, await publicBase(url), new Date());
	return feedResponse(request, feed, filter, 'public');
};
