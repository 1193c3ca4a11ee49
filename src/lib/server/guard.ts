import { redirect } from '@sveltejs/kit';
import type { Actor } from '#lib/domain/actor.ts';
/**
 * Request-level rules that do not depend on a route's logic: how large a body may be, which paths
 * stay open when the plan is not public, and who an actor is for the history.
 */
export const FORM_BODY_LIMIT = 64 * 1024;
/** An .ics file of up to 2 MiB plus the multipart envelope around it. */
export const ICS_FILE_LIMIT = 2 * 1024 * 1024;
export const ICS_BODY_LIMIT = ICS_FILE_LIMIT + 64 * 1024;

/** The largest body a route accepts; `apiLimit` for the plan import API. */
export function bodyLimit(routeId: string | null, search: string, apiLimit: number): number {
	if (routeId === '/api/plan') return apiLimit;
	if (routeId === '/plan/file' && search === '?/preview') return apiLimit;
	if (routeId === '/me/[token=token]' && search === '?/importIcs') return ICS_BODY_LIMIT;
	return FORM_BODY_LIMIT;
}

/**
 * The route whose limit applies to a path, for scripts/start.js, which must decide before
 * SvelteKit has matched the route (a chunked body has no Content-Length to judge by). A path
 * that only looks like a route (a /me/ path with a wrong token) gets that route's limit, which is
 * harmless: it answers 404 anyway.
 */
export function limitRouteOf(pathname: string): string | null {
	if (pathname === '/api/plan') return '/api/plan';
	if (pathname === '/plan/file') return '/plan/file';
	if (/^\/me\/[^/]+\/?$/.test(pathname)) return '/me/[token=token]';
	return null;
}

/** What start.js calls: the body limit for a request path and query. */
export type BodyLimitFor = (pathname: string, search: string) => number;
export const BODY_LIMIT_KEY = Symbol.for('iww-planner.body-limit');

/** Lets start.js enforce the per-route limits on bodies it reads itself (hooks' init). */
export function registerBodyLimits(apiLimit: number): void {
	const limitFor: BodyLimitFor = (pathname, search) =>
		bodyLimit(limitRouteOf(pathname), search, apiLimit);
	(globalThis as Record<symbol, BodyLimitFor>)[BODY_LIMIT_KEY] = limitFor;
}

/**
 * Routes anyone may reach even when PUBLIC_PLAN=false: the ways in, and the personal feeds, whose
 * secret address is their credential (a calendar app sends no cookie and cannot sign in).
 */
export function openWhenPrivate(routeId: string | null): boolean {
	return (
		routeId === '/login' ||
		routeId === '/login/setup/[token=token]' ||
		routeId === '/me/[token=token]' ||
		routeId === '/me/[token=token]/changes' ||
		routeId === '/feeds/people/[token=token].ics' ||
		routeId === '/feeds/people/[token=token]/changes' ||
		routeId === null
	);
}

/** Paths that carry a secret (a member link, a feed address, a setup link). */
const SECRET_PATH = /^\/(me|login\/setup|feeds\/people)\//;

/**
 * A same-origin path to go back to after signing in; anything else goes home: not `//host` or
 * `/\\host` (browsers read both as another host), not a URL with a scheme, nothing with control,
 * space or non-ASCII characters (raw or percent-encoded: `%0d%0a`, tabs), no dot segments, and
 * never a path that carries a secret.
 */
export function safeNext(next: unknown): string {
	if (typeof next !== 'string' || next.length > 2000) return '/';
	if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(next)) return '/';
	let decoded: string;
	try {
		decoded = decodeURIComponent(next);
	} catch {
		return '/';
	}
	// Decoded once more, the path must still be plain: `%2F%2Fevil`, `%5Cevil`, `%09`, `%E2%80%AE`.
	if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(decoded) || /[\\]/.test(decoded)) return '/';
	if (/(^|\/)\.\.?(\/|$|\?|#)/.test(decoded)) return '/';
	if (SECRET_PATH.test(decoded)) return '/';
	return next;
}

/** `/login?next=…` for a request that needs a session; a path with a secret is never copied. */
export function loginRedirect(url: URL): string {
	const next = safeNext(url.pathname + url.search);
	return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** The organizers' session cookie. */
export const SESSION_COOKIE = 'session';

/**
 * The session cookie's attributes, the same when it is set and when it is cleared: a deletion
 * marked Secure is ignored by browsers over plain http (SvelteKit's default outside localhost),
 * which would leave a signed-out organizer signed in.
 */
export function sessionCookieOptions(url: URL) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:'
	};
}

export function organizerActor(name: string): Actor {
	return { kind: 'organizer', name };
}

export function memberActor(personId: string): Actor {
	return { kind: 'member', person: personId };
}

/** Pages for organizers only: the actor for the history, or off to sign in. */
export function requireOrganizer(locals: App.Locals, url: URL): { actor: Actor; name: string } {
	if (!locals.organizer) redirect(303, loginRedirect(url));
	return { actor: organizerActor(locals.organizer.name), name: locals.organizer.name };
}

/** Form actions for organizers only: a 403 (never a redirect that would drop the input). */
export function organizerOrFail(locals: App.Locals): Actor | null {
	return locals.organizer ? organizerActor(locals.organizer.name) : null;
}
