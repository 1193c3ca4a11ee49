import { publicFeeds, subscribeLinks } from '#lib/feeds/catalog.ts';
import { publicBase } from '#lib/server/feeds.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { index } = await locals.services.plan.current();
	const base = await publicBase(url);
	return {
		feeds: publicFeeds(index).map((f) => ({
			path: f.path,
			name: f.name,
			about: f.about,
			group: f.filter.type,
			...subscribeLinks(base, f.path)
		}))
	};
};
