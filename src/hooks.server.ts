import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { pickLocale } from '#lib/server/locale.ts';
import { getStore } from '#lib/server/store.ts';

// Create, migrate and seed the database before the first request, so start-up fails loudly
// rather than on someone's first click.
export const init: ServerInit = async () => {
	await getStore();
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.locale = pickLocale(event.request.headers.get('accept-language'));
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	return response;
};

export const handleError: HandleServerError = (caught) => {
	// Expected errors (404s, 400s thrown with error()) keep their own message; anything unexpected
	// is logged and shown as a generic message, without leaking details to the page.
	if (caught.kind !== 'unknown') return;
	console.error(caught.error);
	return { message: 'Something went wrong on our side.' };
};
