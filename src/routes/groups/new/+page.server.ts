import { redirect } from '@sveltejs/kit';
import { Id } from '#lib/domain/schema.ts';
import {
	formValues,
	invalid,
	optionalText,
	readForm,
	runEdit,
	zodFieldErrors
} from '#lib/server/forms.ts';
import { groupKinds, parseGroupForm, postedMembers } from '#lib/server/group-form.ts';
import { organizerOrFail, requireOrganizer } from '#lib/server/guard.ts';
import { slugify } from '#lib/server/item-form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireOrganizer(locals, url);
	const { plan } = await locals.services.plan.current();
	return {
		kinds: groupKinds(),
		people: plan.people.map((p) => ({ id: p.id, name: p.name }))
	};
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const actor = organizerOrFail(locals);
		if (!actor) return invalid(403, { form: 'Sign in as an organizer first.' });
		const form = await readForm(request);
		if (!form) return invalid(400, { form: 'Send the form.' });
		const values = formValues(form);
		const get = (k: string) => optionalText(form.get(k));
		const id = get('id') ?? slugify(get('name') ?? '');
		const { plan } = await locals.services.plan.current();
		const members = postedMembers(form);
		const parsed = parseGroupForm(form, { id });
		const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
		if (!Id.safeParse(id).success) errors.id = 'Use lowercase letters, digits and "-" (up to 80).';
		else if (plan.groups.some((g) => g.id === id) || plan.people.some((p) => p.id === id))
			errors.id = `“${id}” is already used; choose another id.`;
		if (!parsed.success || Object.keys(errors).length)
			return invalid(400, errors, { ...values, members: members.join(' ') });
		const group = parsed.data;
		const done = await runEdit(
			() =>
				locals.services.plan.edit(
					{ entity: 'group', id: group.id, action: 'create', value: group },
					actor
				),
			values
		);
		if (!done.ok) return done.failure;
		redirect(303, `/groups?saved=created`);
	}
};
