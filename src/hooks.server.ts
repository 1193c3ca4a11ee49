import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { todayIn } from '#lib/domain/dates.ts';
import { findSession, memberForToken } from '#lib/server/accounts.ts';
import { checkBearer } from '#lib/server/auth.ts';
import { bodyLimit, openWhenPrivate } from '#lib/server/guard.ts';
import { pickLocale } from '#lib/server/locale.ts';
import { capture, ResponseCache, toResponse } from '#lib/server/response-cache.ts';
import { currentPlan, getStore } from '#lib/server/store.ts';

// Create, migrate and seed the database before the first request, so start-up fails loudly
// rather than on someone's first click.
export const init: ServerInit = async () => {
	await getStore();
};

/**
 * Public, read-only routes whose output depends only on the plan, the URL, the locale and the
 * day. Anything else (and any request with credentials) is never cached.
 */
const CACHEABLE = new Set([
	'/',
	'/plan',
	'/items/[id=id]',
	'/people',
	'/people/[id=id]',
	'/api/plan'
]);
const cache = new ResponseCache();

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.locale = pickLocale(event.request.headers.get('accept-language'));
	event.locals.organizer = null;
	event.locals.member = null;
	const { request, route, url, cookies } = event;
	const { config, db } = await getStore();

	if (request.method !== 'GET' && request.method !== 'HEAD') {
		const limit = bodyLimit(route.id, url.search, config.maxBodyBytes);
		if (Number(request.headers.get('content-length') ?? 0) > limit) {
			return new Response(`The request body is larger than ${Math.round(limit / 1024)} KiB.`, {
				status: 413,
				headers: { 'content-type': 'text/plain; charset=utf-8' }
			});
		}
	}

	const now = new Date().toISOString();
	const sessionId = cookies.get('session');
	if (sessionId) {
		const session = await findSession(db, sessionId, now);
		if (session) event.locals.organizer = { name: session.name, sessionId };
	}
	const memberToken = cookies.get('member');
	if (memberToken) event.locals.member = await memberForToken(db, memberToken);

	if (!config.publicPlan && !event.locals.organizer && !event.locals.member) {
		const bearer = checkBearer(request.headers.get('authorization'), config.adminToken);
		if (!openWhenPrivate(route.id) && bearer !== 'ok') {
			if (url.pathname.startsWith('/api/') || request.method !== 'GET') {
				return new Response(
					JSON.stringify({ error: 'This plan is private: sign in or use your member link.' }),
					{ status: 401, headers: { 'content-type': 'application/json' } }
				);
			}
			const next = encodeURIComponent(url.pathname + url.search);
			return new Response(null, { status: 303, headers: { location: `/login?next=${next}` } });
		}
	}

	const cacheable =
		config.publicPlan &&
		(request.method === 'GET' || request.method === 'HEAD') &&
		route.id !== null &&
		CACHEABLE.has(route.id) &&
		!request.headers.has('authorization') &&
		!request.headers.has('cookie');

	let key: string | null = null;
	if (cacheable) {
		const { etag, plan } = await currentPlan();
		const day = todayIn(plan.zone, Date.now());
		// The origin is part of the key: pages and feeds write absolute links (feed URLs).
		key = `${etag}|${day}|${event.locals.locale}|${url.origin}${url.pathname}${url.search}`;
		const hit = cache.get(key);
		if (hit) {
			const tag = hit.headers.find(([name]) => name === 'etag')?.[1];
			if (tag && request.headers.get('if-none-match') === tag) {
				return new Response(null, { status: 304, headers: { ETag: tag } });
			}
			return toResponse(hit, request.method === 'HEAD');
		}
	}

	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	if (key !== null && response.status === 200 && request.method === 'GET') {
		const captured = await capture(response);
		cache.set(key, captured);
		return toResponse(captured, false);
	}
	return response;
};

export const handleError: HandleServerError = (caught) => {
	// Expected errors (404s, 400s thrown with error()) keep their own message; anything unexpected
	// is logged and shown as a generic message, without leaking details to the page.
	if (caught.kind !== 'unknown') return;
	console.error(caught.error);
	return { message: 'Something went wrong on our side.' };
};
