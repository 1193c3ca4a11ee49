/**
 * Public pages and feeds come from the front cache (front-cache.ts). scripts/start.js usually
 * answers hits before SvelteKit runs; this handle covers the rest (e.g. `vite preview`, the first
 * request after a write) and stores what SvelteKit renders. It sits inside the session and gate
 * handles and outside the security headers, so stored answers carry those headers.
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { CACHEABLE_ROUTES, cacheKey, lookup, mayUseCache, store } from '../front-cache.ts';
import { capture, toResponse } from '../response-cache.ts';

export const frontCache: Handle = async ({ event, resolve }) => {
	const { locals, request, route, url } = event;
	const facts = { method: request.method, url, header: (n: string) => request.headers.get(n) };
	if (
		!mayUseCache(facts, locals.services.config.publicPlan) ||
		route.id === null ||
		!CACHEABLE_ROUTES.has(route.id)
	) {
		return resolve(event);
	}
	const { etag, plan } = await locals.services.plan.current();
	const hit = lookup(facts, Date.now());
	if (hit) return toResponse(hit, request.method === 'HEAD');
	const key = cacheKey(facts, etag, plan.zone, Date.now());
	const response = await resolve(event);
	if (response.status !== 200 || request.method !== 'GET') return response;
	const captured = await capture(response);
	store(key, captured);
	return toResponse(captured, false);
};
