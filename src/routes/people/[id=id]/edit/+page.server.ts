import { error, redirect } from '@sveltejs/kit';
import { issueMemberLink, revokeFeedAddress, revokeMemberLink } from '#lib/server/accounts.ts';
import { versionOf } from '#lib/server/edit-repository.ts';
import { formValues, invalid, readForm, runEdit } from '#lib/server/forms.ts';
import { organizerOrFail, requireOrganizer } from '#lib/server/guard.ts';
import { parsePersonForm, personFormValues, personReferences } from '#lib/server/person-form.ts';
import { currentPlan, editPlan, getStore } from '#lib/server/store.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireOrganizer(locals, url);
	const { index } = await currentPlan();
	const person = index.people.get(params.id);
	if (!person) error(404, `There is nobody called “${params.id}” in the plan.`);
	const { db } = await getStore();
	return {
		person: { id: person.id, name: person.name },
		values: personFormValues(person),
		version: await versionOf(db, 'person', person)
	};
};

export const actions: Actions = {
	/** A new personal link for this person, shown once; the old one stops working. */
	link: async ({ locals, params, url }) => {
		if (!organizerOrFail(locals)) return invalid(403, { form: 'Sign in as an organizer first.' });
		const { index } = await currentPlan();
		if (!index.people.has(params.id)) return invalid(404, { form: 'No such person.' });
		const { db } = await getStore();
		const token = await issueMemberLink(db, params.id, new Date().toISOString());
		return { link: `${url.origin}/me/${token}` };
	},
	/** Refused, saying by what, while items, groups or commitments still refer to the person. */
	delete: async ({ locals, params }) => {
		const actor = organizerOrFail(locals);
		if (!actor)
			return invalid(403, { form: 'Sign in as an organizer first.' }, {}, { form: 'delete' });
		const { plan, index } = await currentPlan();
		const person = index.people.get(params.id);
		if (!person)
			return invalid(
				404,
				{ form: 'This person is no longer in the plan.' },
				{},
				{ form: 'delete' }
			);
		const refs = personReferences(plan, params.id);
		if (refs.length)
			return invalid(
				409,
				{ form: `Not deleted: ${person.name} is still ${refs.join('; ')}. Remove those first.` },
				{},
				{ form: 'delete' }
			);
		const done = await runEdit(
			() => editPlan({ entity: 'person', id: params.id, action: 'delete' }, actor),
			{},
			'delete'
		);
		if (!done.ok) return done.failure;
		const { db } = await getStore();
		// Their secrets go with them: a link or feed address must not outlive the person.
		await revokeMemberLink(db, params.id);
		await revokeFeedAddress(db, params.id);
		redirect(303, '/people?saved=deleted');
	},
	save: async ({ request, locals, params }) => {
		const actor = organizerOrFail(locals);
		if (!actor) return invalid(403, { form: 'Sign in as an organizer first.' });
		const form = await readForm(request);
		if (!form) return invalid(400, { form: 'Send the person form.' });
		const values = formValues(form);
		const { index } = await currentPlan();
		const previous = index.people.get(params.id);
		if (!previous) return invalid(404, { form: 'This person is no longer in the plan.' }, values);
		const parsed = parsePersonForm(form, previous);
		if (!parsed.ok) return invalid(400, parsed.errors, values);
		const version = typeof values.version === 'string' && values.version ? values.version : null;
		const done = await runEdit(
			() =>
				editPlan(
					{
						entity: 'person',
						id: params.id,
						action: 'update',
						patch: () => parsed.person,
						...(version ? { expected: version } : {})
					},
					actor
				),
			values
		);
		if (!done.ok) return done.failure;
		redirect(303, `/people/${params.id}?saved=1`);
	}
};
