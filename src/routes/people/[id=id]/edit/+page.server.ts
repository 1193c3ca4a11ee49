import { error, redirect } from '@sveltejs/kit';
import { formValues, invalid, readForm, runEdit, saveUpdate } from '#lib/server/forms.ts';
import { organizerOrFail, requireOrganizer } from '#lib/server/guard.ts';
import { deleteRefusal, parsePersonForm, personFormValues } from '#lib/server/person-form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireOrganizer(locals, url);
	const { index } = await locals.services.plan.current();
	const person = index.people.get(params.id);
	if (!person) error(404, `There is nobody called “${params.id}” in the plan.`);
	return {
		person: { id: person.id, name: person.name },
		values: personFormValues(person),
		version: await locals.services.versions.of('person', person)
	};
};

export const actions: Actions = {
	/** A new personal link for this person, shown once; the old one stops working. */
	link: async ({ locals, params, url }) => {
		if (!organizerOrFail(locals)) return invalid(403, { form: 'Sign in as an organizer first.' });
		const { index } = await locals.services.plan.current();
		if (!index.people.has(params.id)) return invalid(404, { form: 'No such person.' });
		const token = await locals.services.access.issueMemberLink(params.id, new Date().toISOString());
		return { link: `${url.origin}/me/${token}` };
	},
	/** Refused, saying by what, while items, groups or commitments still refer to the person. */
	delete: async ({ locals, params }) => {
		const actor = organizerOrFail(locals);
		if (!actor)
			return invalid(403, { form: 'Sign in as an organizer first.' }, {}, { form: 'delete' });
		const { plan, index } = await locals.services.plan.current();
		const person = index.people.get(params.id);
		if (!person)
			return invalid(
				404,
				{ form: 'This person is no longer in the plan.' },
				{},
				{ form: 'delete' }
			);
		const refused = deleteRefusal(plan, { kind: 'person', id: params.id, name: person.name });
		if (refused) return invalid(409, { form: refused }, {}, { form: 'delete' });
		const done = await runEdit(
			() => locals.services.plan.edit({ entity: 'person', id: params.id, action: 'delete' }, actor),
			{},
			'delete'
		);
		if (!done.ok) return done.failure;
		// Their secrets go with them: a link or feed address must not outlive the person.
		await locals.services.access.revokeMemberLink(params.id);
		await locals.services.access.revokeFeedAddress(params.id);
		redirect(303, '/people?saved=deleted');
	},
	save: async ({ request, locals, params }) => {
		const actor = organizerOrFail(locals);
		if (!actor) return invalid(403, { form: 'Sign in as an organizer first.' });
		const form = await readForm(request);
		if (!form) return invalid(400, { form: 'Send the person form.' });
		const values = formValues(form);
		const { index } = await locals.services.plan.current();
		const previous = index.people.get(params.id);
		if (!previous) return invalid(404, { form: 'This person is no longer in the plan.' }, values);
		const parsed = parsePersonForm(form, previous);
		if (!parsed.ok) return invalid(400, parsed.errors, values);
		const done = await saveUpdate(
			locals,
			actor,
			{ entity: 'person', id: params.id, patch: () => parsed.person },
			values
		);
		if (!done.ok) return done.failure;
		redirect(303, `/people/${params.id}?saved=1`);
	}
};
