import { personRow } from '#lib/domain/people.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ locals }) => {
	const { plan, index } = await locals.services.plan.current();
	const now = Date.now();
	return {
		canEdit: locals.organizer !== null,
		people: plan.people.map((p) => personRow(index, p, now)),
		groups: plan.groups.map((g) => ({
			id: g.id,
			name: g.name,
			kind: g.kind,
			short: g.short ?? null,
			members: g.members.flatMap((m) => {
				const p = index.people.get(m);
				return p ? [{ href: `/people/${p.id}`, name: p.name }] : [];
			})
		}))
	};
};
