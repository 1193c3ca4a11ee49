import { CLIENT_LABEL } from '#lib/domain/user-agent.ts';
import { deliveryView } from '#lib/server/delivery-view.ts';
import { requireOrganizer } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireOrganizer(locals, url);
	const view = await deliveryView(locals.locale, new Date());
	return { ...view, clientLabel: CLIENT_LABEL };
};
