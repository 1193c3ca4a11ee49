import { createAction } from '#lib/server/forms.ts';
import { requireOrganizer } from '#lib/server/guard.ts';
import { parseNewPersonForm } from '#lib/server/person-form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireOrganizer(locals, url);
	return {};
};

export const actions: Actions = {
	save: createAction({
		entity: 'person',
		send: 'Send the person form.',
		parse: (form, plan) => {
			const parsed = parseNewPersonForm(form, plan);
			return parsed.ok ? { ok: true, value: parsed.person } : parsed;
		},
		to: (person) => `/people/${person.id}?saved=created`
	})
};
