import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ locals }) => {
	const { plan, index } = await locals.services.plan.current();
	return {
		canEdit: locals.organizer !== null,
		groups: plan.groups.map((g) => ({
			id: g.id,
			name: g.name,
			kind: g.kind,
			short: g.short ?? '',
			members: g.members.map((m) => index.people.get(m)?.name ?? m)
		}))
	};
};
