/**
 * Who is asking: the viewer's locale, the signed-in organizer (session cookie), the member whose
 * link this browser holds (member cookie), and the services every route calls, on `locals`.
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { pickLocale } from '../locale.ts';
import { services } from '../services.ts';

export const session: Handle = async ({ event, resolve }) => {
	const { locals, cookies, request } = event;
	locals.locale = pickLocale(request.headers.get('accept-language'));
	locals.organizer = null;
	locals.member = null;
	locals.services = await services();
	const sessionId = cookies.get('session');
	if (sessionId) {
		const found = await locals.services.accounts.findSession(sessionId, new Date().toISOString());
		if (found) locals.organizer = { name: found.name, sessionId };
	}
	const memberToken = cookies.get('member');
	if (memberToken) locals.member = await locals.services.accounts.memberForToken(memberToken);
	return resolve(event);
};
