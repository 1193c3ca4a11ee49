import { error, redirect } from '@sveltejs/kit';
import { invalid, runEdit, updateAction, zodFieldErrors } from '#lib/server/forms.ts';
import { groupFormValues, groupKinds, parseGroupForm } from '#lib/server/group-form.ts';
import { organizerOrFail, requireOrganizer } from '#lib/server/guard.ts';
import { deleteRefusal } from '#lib/server/person-form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireOrganizer(locals, url);
	const { plan, index } = await locals.services.plan.current();
	const group = index.groups.get(params.id);
	if (!group) error(404, `There is no group “${params.id}” in the plan.`);
	return {
		group: { id: group.id, name: group.name, members: group.members },
		values: groupFormValues(group),
		kinds: groupKinds(),
		people: plan.people.map((p) => ({ id: p.id, name: p.name })),
		version: await locals.services.versions.of('group', group)
	};
};

export const actions: Actions = {
	/** Refused, saying by what, while items or assignments still refer to the group. */
	delete: async ({ locals, params }) => {
		const actor = organizerOrFail(locals);
		if (!actor)
			return invalid(403, { form: 'Sign in as an organizer first.' }, {}, { form: 'delete' });
		const { plan, index } = await locals.services.plan.current();
		const group = index.groups.get(params.id);
		if (!group)
			return invalid(404, { form: 'This group is no longer in the plan.' }, {}, { form: 'delete' });
		const refused = deleteRefusal(plan, { kind: 'group', id: params.id, name: group.name });
		if (refused) return invalid(409, { form: refused }, {}, { form: 'delete' });
		const done = await runEdit(
			() => locals.services.plan.edit({ entity: 'group', id: params.id, action: 'delete' }, actor),
			{},
			'delete'
		);
		if (!done.ok) return done.failure;
		redirect(303, '/groups?saved=deleted');
	},
	save: updateAction({
		entity: 'group',
		send: 'Send the form.',
		find: (index, id) => index.groups.get(id),
		gone: 'This group is no longer in the plan.',
		parse: (form, previous) => {
			const parsed = parseGroupForm(form, previous);
			return parsed.success
				? { ok: true, value: parsed.data }
				: { ok: false, errors: zodFieldErrors(parsed.error) };
		},
		to: '/groups?saved=1'
	})
};
