/**
 * The running app's delivery ledger: recording feed fetches (see delivery-ledger.ts) and, for
 * organizers, reading back who holds which version (see delivery-report.ts).
 */
import { clientFamily } from '#lib/domain/user-agent.ts';
import { groupFeedPath, kindFeedPath } from '#lib/feeds/catalog.ts';
import type { FeedFilter } from '#lib/feeds/feed.ts';
import { sharedLedger } from './delivery-ledger.ts';
import { getStore } from './store.ts';

const ledger = () => sharedLedger(async () => (await getStore()).db);

/** A fetch of a person's private feed, answered with `status` (200 or 304) and `etag`. */
export function recordPersonalFetch(
	person: string,
	userAgent: string | null,
	status: number,
	etag: string,
	now: Date
): void {
	if (status !== 200 && status !== 304) return;
	ledger()?.recordFetch({
		person,
		at: now.toISOString(),
		client: clientFamily(userAgent),
		status,
		version: etag
	});
}

/** The path a public feed is counted under. */
export function feedPath(filter: Exclude<FeedFilter, { type: 'person' }>): string {
	switch (filter.type) {
		case 'all':
			return '/calendar.ics';
		case 'kind':
			return kindFeedPath(filter.kind);
		case 'group':
			return groupFeedPath(filter.group);
	}
}

/** Whether a path is a public feed (what the front cache answers and we count). */
export function isPublicFeedPath(pathname: string): boolean {
	return (
		pathname === '/calendar.ics' ||
		(pathname.startsWith('/feeds/') && !pathname.startsWith('/feeds/people/'))
	);
}

/** A fetch of a public or group feed: only counted, per day and client family. */
export function countPublicFetch(path: string, userAgent: string | null, nowMillis: number): void {
	ledger()?.countFetch(path, clientFamily(userAgent), nowMillis);
}

/** Writes what the ledger has buffered (before reading it back). */
export async function flushLedger(): Promise<void> {
	await ledger()?.flush();
}
