import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
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

export const handleError: HandleServerError = ({ error, status, message }) => {
	// Expected errors (404s, 400s) are not logged as crashes; unexpected ones are, without leaking
	// details to the page.
	if (status >= 500) console.error(error);
	return { message: status >= 500 ? 'Something went wrong on our side.' : message };
};
