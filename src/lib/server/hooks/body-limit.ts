/**
 * The first handle: a body larger than its route allows is refused with 413 before anything reads
 * it. scripts/start.js holds chunked bodies to the same limits (guard.ts registerBodyLimits); this
 * covers a declared Content-Length wherever the app runs (e.g. `vite preview`).
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { bodyLimit } from '../guard.ts';
import { services } from '../services.ts';

export const limitBody: Handle = async ({ event, resolve }) => {
	const { request, route, url } = event;
	if (request.method !== 'GET' && request.method !== 'HEAD') {
		const { config } = await services();
		const limit = bodyLimit(route.id, url.search, config.maxBodyBytes);
		if (Number(request.headers.get('content-length') ?? 0) > limit) {
			return new Response(`The request body is larger than ${Math.round(limit / 1024)} KiB.`, {
				status: 413,
				headers: { 'content-type': 'text/plain; charset=utf-8' }
			});
		}
	}
	return resolve(event);
};
