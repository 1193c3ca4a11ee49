import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { findSession, memberForToken } from '#lib/server/accounts.ts';
import { checkBearer } from '#lib/server/auth.ts';
import {
	bodyLimit,
	loginRedirect,
	openWhenPrivate,
	registerBodyLimits
} from '#lib/server/guard.ts';
import { pickLocale } from '#lib/server/locale.ts';
import { startMailTimer } from '#lib/server/mail-runner.ts';
import { startRefreshTimer } from '#lib/server/availability-sources.ts';
import {
	CACHEABLE_ROUTES,
	cacheKey,
	lookup,
	mayUseCache,
	openFrontDoor,
	store
} from '#lib/server/front-cache.ts';
import { capture, toResponse } from '#lib/server/response-cache.ts';
import { services } from '#lib/server/services.ts';
import { currentPlan, getStore } from '#lib/server/store.ts';

// Create, migrate and seed the database before the first request, so start-up fails loudly
// rather than on someone's first click.
export const init: ServerInit = async () => {
	const { config } = await services();
	openFrontDoor(config.publicPlan);
	registerBodyLimits(config.maxBodyBytes);
	// Change notices by email, when SMTP_URL and MAIL_FROM are set (see mail-runner.ts).
	startMailTimer();
	// Subscribed calendars refreshed on their own (ICS_REFRESH_HOURS; 0 turns it off).
	await startRefreshTimer();
};

/** Pages whose address carries a secret token (feeds set their own caching: private, no-cache). */
const TOKEN_ROUTES: ReadonlySet<string> = new Set([
	'/me/[token=token]',
	'/me/[token=token]/changes',
	'/login/setup/[token=token]',
	'/feeds/people/[token=token]/changes'
]);

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.locale = pickLocale(event.request.headers.get('accept-language'));
	event.locals.organizer = null;
	event.locals.member = null;
	event.locals.services = await services();
	const { request, route, url, cookies } = event;
	// Read on the read-only connection: a write in progress (an import) holds the other one.
	const { config, reader } = await getStore();

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
		const session = await findSession(reader, sessionId, now);
		if (session) event.locals.organizer = { name: session.name, sessionId };
	}
	const memberToken = cookies.get('member');
	if (memberToken) event.locals.member = await memberForToken(reader, memberToken);

	if (!config.publicPlan && !event.locals.organizer && !event.locals.member) {
		const bearer = checkBearer(request.headers.get('authorization'), config.adminToken);
		if (!openWhenPrivate(route.id) && bearer !== 'ok') {
			if (url.pathname.startsWith('/api/') || request.method !== 'GET') {
				return new Response(
					JSON.stringify({ error: 'This plan is private: sign in or use your member link.' }),
					{ status: 401, headers: { 'content-type': 'application/json' } }
				);
			}
			return new Response(null, { status: 303, headers: { location: loginRedirect(url) } });
		}
	}

	// Public pages and feeds come from the front cache (see front-cache.ts); start.js usually
	// answers hits before SvelteKit, this covers the rest (e.g. `vite preview`, first requests).
	const facts = { method: request.method, url, header: (n: string) => request.headers.get(n) };
	let key: string | null = null;
	if (
		mayUseCache(facts, config.publicPlan) &&
		route.id !== null &&
		CACHEABLE_ROUTES.has(route.id)
	) {
		const { etag, plan } = await currentPlan();
		const hit = lookup(facts, Date.now());
		if (hit) return toResponse(hit, request.method === 'HEAD');
		key = cacheKey(facts, etag, plan.zone, Date.now());
	}

	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	if (route.id !== null && TOKEN_ROUTES.has(route.id)) {
		// The address is the secret: never stored by a cache, never sent to another site as a
		// Referer. Not `no-referrer`: under it Chromium sends `Origin: null` with the page's own
		// form posts, which SvelteKit's CSRF check refuses (every /me form would answer 403).
		if (!/no-store/.test(response.headers.get('cache-control') ?? ''))
			response.headers.set('Cache-Control', 'no-store');
		response.headers.set('Referrer-Policy', 'same-origin');
	} else {
		response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	}
	if (key !== null && response.status === 200 && request.method === 'GET') {
		const captured = await capture(response);
		store(key, captured);
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
