import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const { plan } = await locals.services.plan.current();
	return {
		planName: plan.name,
		locale: locals.locale,
		organizer: locals.organizer?.name ?? null
	};
};
