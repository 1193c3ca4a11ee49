import { redirect } from '@sveltejs/kit';
import { formValues, invalid, readForm, runEdit } from '#lib/server/forms.ts';
import { organizerOrFail, requireOrganizer } from '#lib/server/guard.ts';
import { parseLocationForm } from '#lib/server/location-form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireOrganizer(locals, url);
	return {};
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const actor = organizerOrFail(locals);
		if (!actor) return invalid(403, { form: 'Sign in as an organizer first.' });
		const form = await readForm(request);
		if (!form) return invalid(400, { form: 'Send the form.' });
		const values = formValues(form);
		const parsed = parseLocationForm(form, null);
		if (!parsed.ok) return invalid(400, parsed.errors, values);
		const { location } = parsed;
		const done = await runEdit(
			() =>
				locals.services.plan.edit(
					{ entity: 'location', id: location.id, action: 'create', value: location },
					actor
				),
			values
		);
		if (!done.ok) return done.failure;
		redirect(303, '/locations?saved=created');
	}
};
