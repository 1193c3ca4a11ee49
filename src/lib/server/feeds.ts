/**
 * Serving calendar feeds: the generated text cached per plan version (derived.ts) and per day
 * (removed items drop out once their date has passed), and the HTTP around it — strong ETag, 304s,
 * Last-Modified, caching rules, file name. The iCalendar itself comes from #lib/feeds.
 */
import { createHash } from 'node:crypto';
import { todayIn } from '#lib/domain/dates.ts';
import { feedFileName } from '#lib/feeds/catalog.ts';
import type { Kysely } from 'kysely';
import { buildFeed, type FeedFilter, type FeedItemMeta } from '#lib/feeds/feed.ts';
import type { Database } from './db.ts';
import { conditional } from './conditional.ts';
import { derived, forget } from './derived.ts';
import { countPublicFetch, feedPath } from './delivery.ts';
import { loadItemMeta, type ItemMeta } from './plan-repository.ts';
import { currentPlan, getStore, type PlanSnapshot } from './store.ts';

export type ServedFeed = {
	body: string;
	/** The body encoded once, so a cached feed is sent without re-encoding it per request. */
	bytes: Uint8Array<ArrayBuffer>;
	/** Strong validator from the body: equal bytes, equal tag. */
	etag: string;
	/** Epoch ms, whole seconds: when the plan version was written, rounded up (Last-Modified). */
	modifiedAt: number;
	/** The version shares that second with the one before it: no Last-Modified, no date 304. */
	shared: boolean;
};

type Cache = {
	snapshot: PlanSnapshot;
	history: FeedItemMeta[];
	busyStamps: Map<string, string>;
};

/** History entries read to find former groups and busy stamps (newest kept). */
const MAX_HISTORY = 20_000;

/**
 * From the history: the groups each item was taken out of (an assignment of the group removed
 * or moved, or the item's own `group` changed), and when each busy period last changed.
 */
async function historyFacts(db: Kysely<Database>, meta: ItemMeta[]) {
	const rows = await db
		.selectFrom('history')
		.select(['at', 'entity', 'entity_id', 'before', 'after'])
		.where('entity', 'in', ['item', 'assignment', 'commitment'])
		.orderBy('id', 'desc')
		.limit(MAX_HISTORY)
		.execute();
	const former = new Map<string, Set<string>>();
	const busyStamps = new Map<string, string>();
	const obj = (v: string | null) =>
		v === null ? null : (JSON.parse(v) as Record<string, unknown> | null);
	for (const r of rows) {
		if (r.entity === 'commitment') {
			if (!busyStamps.has(r.entity_id)) busyStamps.set(r.entity_id, r.at);
			continue;
		}
		const before = obj(r.before);
		const after = obj(r.after);
		const group = typeof before?.group === 'string' ? before.group : null;
		if (group === null || after?.group === group) continue;
		const item = r.entity === 'item' ? r.entity_id : before?.item;
		if (typeof item !== 'string') continue;
		const set = former.get(item) ?? new Set<string>();
		set.add(group);
		former.set(item, set);
	}
	const history: FeedItemMeta[] = meta.map((m) => {
		const groups = former.get(m.id);
		return groups ? { ...m, formerGroups: [...groups] } : m;
	});
	return { history, busyStamps };
}
/**
 * The snapshot and the item history, read so that they belong to the same plan version; kept
 * with that version's other derived data (derived.ts).
 */
async function planWithHistory(): Promise<Cache> {
	const { db } = await getStore();
	for (;;) {
		const snapshot = await currentPlan();
		let c: Cache;
		try {
			c = await derived(snapshot, 'feeds', async (): Promise<Cache> => {
				const { history, busyStamps } = await historyFacts(db, await loadItemMeta(db));
				return { snapshot, history, busyStamps };
			});
		} catch (e) {
			// A failed read is not this version's history: the next request reads again.
			forget(snapshot, 'feeds');
			throw e;
		}
		if ((await currentPlan()) === snapshot) return c;
		// A write between the two reads gives a new snapshot: read again rather than mix versions.
		forget(snapshot, 'feeds');
	}
}

/** The public origin for links: PUBLIC_URL if set, else the origin the request came to. */
export async function publicBase(requestUrl: URL): Promise<string> {
	const { config } = await getStore();
	return config.publicUrl ?? requestUrl.origin;
}

/** The feed for `filter`, generated once per plan version, base URL and day. */
export async function serveFeed(
	filter: FeedFilter,
	baseUrl: string,
	now: Date,
	/** For a personal feed: the path of its "changes since your calendar last fetched" page. */
	changesPath?: string
): Promise<ServedFeed> {
	const c = await planWithHistory();
	const today = todayIn(c.snapshot.plan.zone, now.getTime());
	const key = `feed ${today} ${baseUrl} ${JSON.stringify(filter)} ${changesPath ?? ''}`;
	return derived(c.snapshot, key, () => {
		// A person's own feed may carry their private busy reasons (when they opted in): those are
		// only in the full plan. buildFeed adds no one else's busy periods, and items are the same.
		const index =
			filter.type === 'person' && filter.includePrivateBusy
				? c.snapshot.fullIndex
				: c.snapshot.index;
		const body = buildFeed(index, c.history, filter, {
			baseUrl,
			now: now.toISOString(),
			busyStamps: c.busyStamps,
			changesUrl: changesPath ? `${baseUrl}${changesPath}` : undefined
		});
		// Every write bumps the version time, including busy periods that move no item's
		// updated_at; older databases (no version time yet) fall back to the newest item change.
		const newest =
			c.snapshot.versionAt ??
			c.history.reduce((max, m) => (m.updatedAt > max ? m.updatedAt : max), '1970-01-01T00:00:00Z');
		return {
			body,
			bytes: new TextEncoder().encode(body),
			etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
			modifiedAt: Math.ceil(Date.parse(newest) / 1000) * 1000,
			shared: c.snapshot.versionShared
		};
	});
}

/**
 * HTTP dates have whole seconds, and two versions can be written within one second. A version's
 * Last-Modified is its write time rounded up to the second; when the version before it was
 * written in that same second, the date cannot tell the two apart, so such a version sends none
 * and so answers no If-Modified-Since (its ETag still works): a 304 only when the body is the same.
 */
function lastModifiedHeader(feed: ServedFeed): string | null {
	return feed.shared ? null : new Date(feed.modifiedAt).toUTCString();
}

/**
 * The Response for a feed: 200 with the body, or 304 when the client's copy is current. Accept
 * is ignored on purpose (Google sends none). HEAD is answered by SvelteKit from GET, without body.
 */
export function feedResponse(
	request: Request,
	feed: ServedFeed,
	filter: FeedFilter,
	visibility: 'public' | 'private'
): Response {
	const headers = new Headers({
		ETag: feed.etag,
		// Short enough that a change shows on the next poll of a client that honours it.
		'Cache-Control': visibility === 'public' ? 'public, max-age=300' : 'private, max-age=300',
		'Content-Type': 'text/calendar; charset=utf-8',
		'Content-Disposition': `inline; filename="${feedFileName(filter)}"`
	});
	if (visibility === 'private') headers.set('X-Robots-Tag', 'noindex');
	const lastModified = lastModifiedHeader(feed);
	if (lastModified !== null) headers.set('Last-Modified', lastModified);
	// Public feeds are anonymous: only counted per client family (personal ones are recorded
	// by their route, which knows whose feed it is). Hits of the front cache are counted there.
	if (filter.type !== 'person') {
		countPublicFetch(feedPath(filter), request.headers.get('user-agent'), Date.now());
	}
	if (conditional(request, { etag: feed.etag, lastModified })) {
		headers.delete('Content-Type');
		headers.delete('Content-Disposition');
		return new Response(null, { status: 304, headers });
	}
	headers.set('Content-Length', String(feed.bytes.byteLength));
	return new Response(feed.bytes, { headers });
}
