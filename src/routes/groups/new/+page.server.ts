import { Id } from '#lib/domain/schema.ts';
import { createAction, formValues, optionalText, zodFieldErrors } from '#lib/server/forms.ts';
import { groupKinds, parseGroupForm, postedMembers } from '#lib/server/group-form.ts';
import { requireOrganizer } from '#lib/server/guard.ts';
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
	save: createAction({
		entity: 'group',
		send: 'Send the form.',
		parse: (form, plan) => {
			const get = (k: string) => optionalText(form.get(k));
			const id = get('id') ?? slugify(get('name') ?? '');
			const parsed = parseGroupForm(form, { id });
			const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
			if (!Id.safeParse(id).success)
				errors.id = 'Use lowercase letters, digits and "-" (up to 80).';
			else if (plan.groups.some((g) => g.id === id) || plan.people.some((p) => p.id === id))
				errors.id = `“${id}” is already used; choose another id.`;
			if (parsed.success && Object.keys(errors).length === 0)
				return { ok: true, value: parsed.data };
			return {
				ok: false,
				errors,
				values: { ...formValues(form), members: postedMembers(form).join(' ') }
			};
		},
		to: () => '/groups?saved=created'
	})
};
