/**
 * Serving calendar feeds: the generated text cached per plan version (and per day, since removed
 * items drop out once their date has passed), and the HTTP around it — strong ETag, 304s,
 * Last-Modified, caching rules, file name. The iCalendar itself comes from #lib/feeds.
 */
import { createHash } from 'node:crypto';
import { todayIn } from '#lib/domain/dates.ts';
import { feedFileName } from '#lib/feeds/catalog.ts';
import { buildFeed, type FeedFilter } from '#lib/feeds/feed.ts';
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
};

/** Beyond this many cached variants (per plan version) the cache starts over. */
const MAX_ENTRIES = 1000;

type Cache = { snapshot: PlanSnapshot; history: ItemMeta[]; feeds: Map<string, ServedFeed> };
let cache: Cache | null = null;

/** The snapshot and the item history, read so that they belong to the same plan version. */
async function planWithHistory(): Promise<Cache> {
	const { db } = await getStore();
	for (;;) {
		const snapshot = await currentPlan();
		if (cache?.snapshot === snapshot) return cache;
		const history = await loadItemMeta(db);
		// A write between the two reads gives a new snapshot: read again rather than mix versions.
		if ((await currentPlan()) !== snapshot) continue;
		cache = { snapshot, history, feeds: new Map() };
		return cache;
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
	now: Date
): Promise<ServedFeed> {
	const c = await planWithHistory();
	const today = todayIn(c.snapshot.plan.zone, now.getTime());
	const key = `${today} ${baseUrl} ${JSON.stringify(filter)}`;
	const hit = c.feeds.get(key);
	if (hit) return hit;
	const body = buildFeed(c.snapshot.index, c.history, filter, {
		baseUrl,
		now: now.toISOString()
	});
	// Every write bumps the version time, including busy periods that move no item's updated_at;
	// older databases (no version time yet) fall back to the newest item change.
	const newest =
		c.snapshot.versionAt ??
		c.history.reduce((max, m) => (m.updatedAt > max ? m.updatedAt : max), '1970-01-01T00:00:00Z');
	const served = {
		body,
		bytes: new TextEncoder().encode(body),
		etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
		modifiedAt: Math.ceil(Date.parse(newest) / 1000) * 1000
	};
	if (c.feeds.size >= MAX_ENTRIES) c.feeds.clear();
	c.feeds.set(key, served);
	return served;
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored. */
function matchesEtag(header: string, etag: string): boolean {
	if (header.trim() === '*') return true;
	return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * HTTP dates have whole seconds, and two versions can be written within one second. So the
 * Last-Modified of a version (its write time, rounded up to the second) is only sent once that
 * second has passed: any later version is then strictly later than what the client holds, and an
 * If-Modified-Since can never confirm an older copy (a 304 only when the body is the same).
 */
function lastModifiedHeader(modifiedAt: number, nowMillis: number): string | null {
	return nowMillis >= modifiedAt ? new Date(modifiedAt).toUTCString() : null;
}

function notModifiedSince(header: string, modifiedAt: number): boolean {
	const since = Date.parse(header);
	return !Number.isNaN(since) && modifiedAt <= since;
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
	const lastModified = lastModifiedHeader(feed.modifiedAt, Date.now());
	if (lastModified !== null) headers.set('Last-Modified', lastModified);
	const inm = request.headers.get('if-none-match');
	const ims = request.headers.get('if-modified-since');
	const fresh =
		inm !== null
			? matchesEtag(inm, feed.etag)
			: ims !== null && notModifiedSince(ims, feed.modifiedAt);
	if (fresh) {
		headers.delete('Content-Type');
		headers.delete('Content-Disposition');
		return new Response(null, { status: 304, headers });
	}
	headers.set('Content-Length', String(feed.bytes.byteLength));
	return new Response(feed.bytes, { headers });
}
