/**
 * Headers every answer carries: no content sniffing, and a Referrer-Policy; pages whose address
 * carries a secret token are never stored by a cache nor sent to another site as a Referer.
 */
import type { Handle } from '@sveltejs/kit/hooks';

/** Pages whose address carries a secret token (feeds set their own caching: private, no-cache). */
const TOKEN_ROUTES: ReadonlySet<string> = new Set([
	'/me/[token=token]',
	'/me/[token=token]/changes',
	'/login/setup/[token=token]',
	'/feeds/people/[token=token]/changes'
]);

export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	if (event.route.id !== null && TOKEN_ROUTES.has(event.route.id)) {
		// Not `no-referrer`: under it Chromium sends `Origin: null` with the page's own form posts,
		// which SvelteKit's CSRF check refuses (every /me form would answer 403).
		if (!/no-store/.test(response.headers.get('cache-control') ?? ''))
			response.headers.set('Cache-Control', 'no-store');
		response.headers.set('Referrer-Policy', 'same-origin');
	} else {
		response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	}
	return response;
};
