import { publicFeeds, subscribeLinks } from '#lib/feeds/catalog.ts';
import { publicBase } from '#lib/server/feeds.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { index } = await currentPlan();
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
