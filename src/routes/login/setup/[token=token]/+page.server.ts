import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { SESSION_DAYS } from '#lib/server/accounts.ts';
import { formValues, readForm, zodFieldErrors } from '#lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

const Setup = z
	.object({
		name: z.string().trim().min(1, 'Give your name: it is shown in the history.').max(80),
		password: z.string().min(12, 'Use at least 12 characters.').max(1000),
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, {
		message: 'The two passwords differ.',
		path: ['confirm']
	});

const gone = () =>
	error(404, 'This setup link is used up or expired. Restart the server for a new one.');

export const load: PageServerLoad = async ({ params, locals }) => {
	if (!(await locals.services.accounts.setupTokenValid(params.token, new Date().toISOString())))
		gone();
	return {};
};

export const actions: Actions = {
	default: async ({ request, params, cookies, url, locals }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { errors: { form: 'Send the setup form.' }, values: {} });
		const values = { name: formValues(form).name ?? '' };
		const parsed = Setup.safeParse(Object.fromEntries(form));
		if (!parsed.success) return fail(400, { errors: zodFieldErrors(parsed.error), values });
		const now = new Date().toISOString();
		if (!(await locals.services.accounts.completeSetup(params.token, parsed.data.password, now)))
			gone();
		const id = await locals.services.accounts.signIn(parsed.data.password, parsed.data.name, now);
		if (id) {
			cookies.set('session', id, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				secure: url.protocol === 'https:',
				maxAge: SESSION_DAYS * 24 * 3600
			});
		}
		redirect(303, '/');
	}
};
