/**
 * When PUBLIC_PLAN=false, only organizers, members and holders of the admin token get past; the
 * ways in and the personal feeds and member links stay open (their address is the secret, see
 * guard.ts openWhenPrivate). APIs and form posts get a 401, pages a redirect to sign in.
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { checkBearer } from '../auth.ts';
import { loginRedirect, openWhenPrivate } from '../guard.ts';

export const privateGate: Handle = async ({ event, resolve }) => {
	const { locals, request, route, url } = event;
	const { config } = locals.services;
	if (config.publicPlan || locals.organizer || locals.member) return resolve(event);
	const bearer = checkBearer(request.headers.get('authorization'), config.adminToken);
	if (openWhenPrivate(route.id) || bearer === 'ok') return resolve(event);
	if (url.pathname.startsWith('/api/') || request.method !== 'GET') {
		return new Response(
			JSON.stringify({ error: 'This plan is private: sign in or use your member link.' }),
			{ status: 401, headers: { 'content-type': 'application/json' } }
		);
	}
	return new Response(null, { status: 303, headers: { location: loginRedirect(url) } });
};
