/**
 * The feeds the app publishes, where they live, and the links a person needs to subscribe.
 * Pure: the public base URL is an argument.
 */
import { KIND_LABEL, KIND_ORDER, type PlanIndex } from '../domain/plan-index.ts';
import type { ItemKind } from '../domain/schema.ts';
import { feedTitle, type FeedFilter } from './feed.ts';

export type FeedEntry = {
	/** Path on the server, e.g. `/feeds/deadline.ics`. */
	path: string;
	name: string;
	about: string;
	filter: FeedFilter;
};

export type SubscribeLinks = {
	/** The feed's https (or http) URL, for clients that take a URL. */
	https: string;
	/** `webcal://…`: opens the system calendar app's subscribe dialog. */
	webcal: string;
	/** Google Calendar's "add by URL" page with the feed filled in. */
	google: string;
};

export function kindFeedPath(kind: ItemKind): string {
	return `/feeds/${kind}.ics`;
}

export function groupFeedPath(groupId: string): string {
	return `/feeds/groups/${groupId}.ics`;
}

export function personFeedPath(token: string): string {
	return `/feeds/people/${token}.ics`;
}

/** The public feeds: the whole plan, one per item kind, one per group. */
export function publicFeeds(index: PlanIndex): FeedEntry[] {
	const entry = (path: string, filter: FeedFilter): FeedEntry => ({
		path,
		filter,
		...feedTitle(index, filter)
	});
	return [
		entry('/calendar.ics', { type: 'all' }),
		...KIND_ORDER.map((kind) => entry(kindFeedPath(kind), { type: 'kind', kind })),
		...index.plan.groups.map((g) => entry(groupFeedPath(g.id), { type: 'group', group: g.id }))
	];
}

/** A file name for Content-Disposition: ASCII, no quotes, ends in .ics. */
export function feedFileName(filter: FeedFilter): string {
	switch (filter.type) {
		case 'all':
			return 'plan.ics';
		case 'kind':
			return `plan-${KIND_LABEL[filter.kind].many.toLowerCase().replace(/\W+/g, '-')}.ics`;
		case 'group':
			return `plan-${filter.group}.ics`;
		case 'person':
			return `plan-${filter.person}.ics`;
	}
}

export function subscribeLinks(baseUrl: string, path: string): SubscribeLinks {
	const https = new URL(path, baseUrl).href;
	const webcal = https.replace(/^https?:/, 'webcal:');
	return {
		https,
		webcal,
		google: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`
	};
}
