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

/** Routes anyone may reach even when PUBLIC_PLAN=false: the ways in. */
export function openWhenPrivate(routeId: string | null): boolean {
	return (
		routeId === '/login' ||
		routeId === '/login/setup/[token=token]' ||
		routeId === '/me/[token=token]' ||
		routeId === null
	);
}

/** A same-site path to go back to after signing in; anything else goes home. */
export function safeNext(next: string | null): string {
	return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

export function organizerActor(name: string): Actor {
	return { kind: 'organizer', name };
}

export function memberActor(personId: string): Actor {
	return { kind: 'member', person: personId };
}

/** Pages for organizers only: the actor for the history, or off to sign in. */
export function requireOrganizer(locals: App.Locals, url: URL): { actor: Actor; name: string } {
	if (!locals.organizer) {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return { actor: organizerActor(locals.organizer.name), name: locals.organizer.name };
}

/** Form actions for organizers only: a 403 (never a redirect that would drop the input). */
export function organizerOrFail(locals: App.Locals): Actor | null {
	return locals.organizer ? organizerActor(locals.organizer.name) : null;
}
