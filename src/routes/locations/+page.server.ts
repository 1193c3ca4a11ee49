import { currentPlan } from '#lib/server/store.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ locals }) => {
	const { plan } = await currentPlan();
	return { locations: plan.locations, canEdit: locals.organizer !== null };
};
