import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { SESSION_DAYS } from '#lib/server/accounts.ts';
import { formValues, readForm, zodFieldErrors } from '#lib/server/forms.ts';
import { SESSION_COOKIE, safeNext, sessionCookieOptions } from '#lib/server/guard.ts';
import type { Actions, PageServerLoad } from './$types';

const SignIn = z.object({
	name: z.string().trim().min(1, 'Give your name: it is shown in the history.').max(80),
	password: z.string().min(1, 'Enter the organizer password.').max(1000)
});

export const load: PageServerLoad = ({ locals, url }) => ({
	signedInAs: locals.organizer?.name ?? null,
	next: safeNext(url.searchParams.get('next'))
});

export const actions: Actions = {
	signIn: async ({ request, cookies, url, getClientAddress, setHeaders, locals }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { errors: { form: 'Send the sign-in form.' }, values: {} });
		const values = formValues(form);
		delete values.password;
		const parsed = SignIn.safeParse(Object.fromEntries(form));
		if (!parsed.success) return fail(400, { errors: zodFieldErrors(parsed.error), values });
		const client = getClientAddress();
		// Counted before the password is hashed, in one statement: concurrent guesses cannot
		// slip past the limit, and a restart does not reset it (see reserveAttempt).
		const reserved = await locals.services.accounts.reserveAttempt(client, Date.now());
		if (!reserved.ok) {
			setHeaders({ 'retry-after': String(reserved.retryAfter) });
			return fail(429, {
				errors: {
					form: `Too many sign-in attempts. Try again in ${Math.ceil(reserved.retryAfter / 60)} minutes.`
				},
				values
			});
		}
		const id = await locals.services.accounts.signIn(
			parsed.data.password,
			parsed.data.name,
			new Date().toISOString()
		);
		if (id === null) {
			return fail(400, { errors: { password: 'That is not the organizer password.' }, values });
		}
		await locals.services.accounts.clearAttempts(client);
		cookies.set(SESSION_COOKIE, id, {
			...sessionCookieOptions(url),
			maxAge: SESSION_DAYS * 24 * 3600
		});
		redirect(303, safeNext(form.get('next')));
	},
	signOut: async ({ cookies, locals, url }) => {
		if (locals.organizer) {
			await locals.services.accounts.signOut(locals.organizer.sessionId, new Date().toISOString());
		}
		// The same attributes as when it was set: over plain http a Secure deletion is ignored.
		cookies.delete(SESSION_COOKIE, sessionCookieOptions(url));
		redirect(303, '/');
	}
};
