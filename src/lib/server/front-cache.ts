/**
 * The cache of rendered public responses, and its two doors.
 *
 * Public pages and feeds are pure functions of (plan version, day, locale, origin, path), so a
 * rendered response can be replayed until the plan changes: the plan's ETag is part of the key,
 * and an import simply makes old entries unreachable. `hooks.server.ts` fills the cache as
 * SvelteKit renders; `scripts/start.js` asks it first, before SvelteKit turns the Node request
 * into a Web Request — for a cached page that conversion is most of the cost. Requests carrying
 * credentials (a cookie, an Authorization header) never use it, nor does a private plan.
 */
import { todayIn } from '#lib/domain/dates.ts';
import { conditional } from './conditional.ts';
import { countPublicFetch, isPublicFeedPath } from './delivery.ts';
import { pickLocale } from './locale.ts';
import { ResponseCache, type CachedResponse } from './response-cache.ts';
import { versionKeyIfCurrent } from './store.ts';

/** Public, read-only routes whose output depends only on the key's parts. */
export const CACHEABLE_ROUTES: ReadonlySet<string> = new Set([
	'/',
	'/plan',
	'/items/[id=id]',
	'/people',
	'/people/[id=id]',
	'/api/plan',
	'/calendar.ics',
	'/feeds/[kind=kind].ics',
	'/feeds/groups/[id=id].ics'
]);

const cache = new ResponseCache();

export type RequestFacts = {
	method: string;
	/** Origin and path as SvelteKit sees them, e.g. http://localhost:3000/plan?x=1 */
	url: URL;
	header: (name: string) => string | null;
};

/** Whether a request may be answered from, or stored into, the cache at all. */
export function mayUseCache(r: RequestFacts, publicPlan: boolean): boolean {
	return (
		publicPlan &&
		(r.method === 'GET' || r.method === 'HEAD') &&
		r.header('authorization') === null &&
		r.header('cookie') === null
	);
}

export function cacheKey(r: RequestFacts, etag: string, zone: string, nowMillis: number): string {
	const locale = pickLocale(r.header('accept-language'));
	return `${etag}|${todayIn(zone, nowMillis)}|${locale}|${r.url.origin}${r.url.pathname}${r.url.search}`;
}

/** A 304 when the client's copy is current (see conditional.ts), else null. */
function notModified(hit: CachedResponse, r: RequestFacts): CachedResponse | null {
	const header = (name: string) => hit.headers.find(([n]) => n === name)?.[1];
	const validators = { etag: header('etag'), lastModified: header('last-modified') };
	if (!conditional({ headers: { get: r.header } }, validators)) return null;
	const keep = new Set(['etag', 'last-modified', 'cache-control']);
	return {
		status: 304,
		headers: hit.headers.filter(([n]) => keep.has(n)),
		body: new Uint8Array(0)
	};
}

/** The cached response for this request, if any; synchronous and I/O-free but for one pragma. */
export function lookup(r: RequestFacts, nowMillis: number): CachedResponse | null {
	const current = versionKeyIfCurrent();
	if (!current) return null;
	const hit = cache.get(cacheKey(r, current.etag, current.zone, nowMillis));
	if (!hit) return null;
	// A feed answered from here never reaches its route: count it for the delivery ledger.
	if (isPublicFeedPath(r.url.pathname)) {
		countPublicFetch(r.url.pathname, r.header('user-agent'), nowMillis);
	}
	return notModified(hit, r) ?? hit;
}

export function store(key: string, response: CachedResponse): void {
	cache.set(key, response);
}

/** What start.js calls; registered on globalThis because the build bundles this module. */
export type FrontDoor = {
	lookup: (r: RequestFacts, nowMillis: number) => CachedResponse | null;
};

export const FRONT_DOOR = Symbol.for('iww-planner.front-cache');

/** Opens the front door once the app knows whether its plan is public (hooks' init). */
export function openFrontDoor(publicPlan: boolean): void {
	(globalThis as Record<symbol, FrontDoor>)[FRONT_DOOR] = {
		lookup: (r, now) => (mayUseCache(r, publicPlan) ? lookup(r, now) : null)
	};
}
