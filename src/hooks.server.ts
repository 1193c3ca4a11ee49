import type { HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { sequence } from '@sveltejs/kit/hooks';
import { openFrontDoor } from '#lib/server/front-cache.ts';
import { registerBodyLimits } from '#lib/server/guard.ts';
import { limitBody } from '#lib/server/hooks/body-limit.ts';
import { frontCache } from '#lib/server/hooks/cache.ts';
import { privateGate } from '#lib/server/hooks/private-gate.ts';
import { securityHeaders } from '#lib/server/hooks/headers.ts';
import { session } from '#lib/server/hooks/session.ts';
import { startMailTimer } from '#lib/server/mail-runner.ts';
import { startRefreshTimer } from '#lib/server/source-refresh.ts';
import { services } from '#lib/server/services.ts';

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

/**
 * Each request passes these in order (src/lib/server/hooks/): a body over its route's limit is
 * refused; locale, organizer, member and services are put on `locals`; a private plan is closed
 * to strangers; public pages and feeds come from (and go into) the front cache; every answer gets
 * its security headers. The cache sits outside the headers so stored answers carry them.
 */
export const handle = sequence(limitBody, session, privateGate, frontCache, securityHeaders);

export const handleError: HandleServerError = (caught) => {
	// Expected errors (404s, 400s thrown with error()) keep their own message; anything unexpected
	// is logged and shown as a generic message, without leaking details to the page.
	if (caught.kind !== 'unknown') return;
	console.error(caught.error);
	return { message: 'Something went wrong on our side.' };
};
