import { createAction } from '#lib/server/forms.ts';
import { requireOrganizer } from '#lib/server/guard.ts';
import { parseLocationForm } from '#lib/server/location-form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireOrganizer(locals, url);
	return {};
};

export const actions: Actions = {
	save: createAction({
		entity: 'location',
		send: 'Send the form.',
		parse: (form) => {
			const parsed = parseLocationForm(form, null);
			return parsed.ok ? { ok: true, value: parsed.location } : parsed;
		},
		to: () => '/locations?saved=created'
	})
};
