import { error } from '@sveltejs/kit';
import { personDetail } from '#lib/domain/people.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ params, locals }) => {
	const { index } = await currentPlan();
	const person = index.people.get(params.id);
	if (!person) error(404, `There is nobody called “${params.id}” in the plan.`);
	return {
		person: personDetail(index, person, Date.now(), locals.locale),
		canEdit: locals.organizer !== null
	};
};
