import { error, redirect } from '@sveltejs/kit';
import { formValues, invalid, readForm, runEdit, saveUpdate } from '#lib/server/forms.ts';
import { organizerOrFail, requireOrganizer } from '#lib/server/guard.ts';
import { locationFormValues, parseLocationForm } from '#lib/server/location-form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireOrganizer(locals, url);
	const { index } = await locals.services.plan.current();
	const location = index.locations.get(params.id);
	if (!location) error(404, `There is no place “${params.id}” in the plan.`);
	return {
		city: location.city,
		values: locationFormValues(location),
		version: await locals.services.versions.of('location', location)
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const actor = organizerOrFail(locals);
		if (!actor) return invalid(403, { form: 'Sign in as an organizer first.' });
		const form = await readForm(request);
		if (!form) return invalid(400, { form: 'Send the form.' });
		const values = formValues(form);
		const { index } = await locals.services.plan.current();
		const previous = index.locations.get(params.id);
		if (!previous) return invalid(404, { form: 'This place is no longer in the plan.' }, values);
		const parsed = parseLocationForm(form, previous);
		if (!parsed.ok) return invalid(400, parsed.errors, values);
		const done = await saveUpdate(
			locals,
			actor,
			{ entity: 'location', id: params.id, patch: () => parsed.location },
			values
		);
		if (!done.ok) return done.failure;
		redirect(303, '/locations?saved=1');
	},
	delete: async ({ locals, params }) => {
		const actor = organizerOrFail(locals);
		if (!actor) return invalid(403, { form: 'Sign in as an organizer first.' });
		const done = await runEdit(
			() =>
				locals.services.plan.edit({ entity: 'location', id: params.id, action: 'delete' }, actor),
			{}
		);
		if (!done.ok) return done.failure;
		redirect(303, '/locations?saved=deleted');
	}
};
