import { error, redirect } from '@sveltejs/kit';
import { invalid, runEdit, updateAction } from '#lib/server/forms.ts';
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
	save: updateAction({
		entity: 'location',
		send: 'Send the form.',
		find: (index, id) => index.locations.get(id),
		gone: 'This place is no longer in the plan.',
		parse: (form, previous) => {
			const parsed = parseLocationForm(form, previous);
			return parsed.ok ? { ok: true, value: parsed.location } : parsed;
		},
		to: '/locations?saved=1'
	}),
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
