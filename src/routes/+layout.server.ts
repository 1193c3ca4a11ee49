import { currentPlan } from '#lib/server/store.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const { plan } = await currentPlan();
	return {
		planName: plan.name,
		locale: locals.locale,
		organizer: locals.organizer?.name ?? null
	};
};
