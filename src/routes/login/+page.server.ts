import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { AttemptLimiter, SESSION_DAYS, signIn, signOut } from '#lib/server/accounts.ts';
import { formValues, readForm, zodFieldErrors } from '#lib/server/forms.ts';
import { safeNext } from '#lib/server/guard.ts';
import { getStore } from '#lib/server/store.ts';
import type { Actions, PageServerLoad } from './$types';

/** Five wrong passwords per address per 15 minutes. */
const limiter = new AttemptLimiter(5, 15 * 60_000);

const SignIn = z.object({
	name: z.string().trim().min(1, 'Give your name: it is shown in the history.').max(80),
	password: z.string().min(1, 'Enter the organizer password.').max(1000)
});

export const load: PageServerLoad = ({ locals, url }) => ({
	signedInAs: locals.organizer?.name ?? null,
	next: safeNext(url.searchParams.get('next'))
});

export const actions: Actions = {
	signIn: async ({ request, cookies, url, getClientAddress }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { errors: { form: 'Send the sign-in form.' }, values: {} });
		const values = formValues(form);
		delete values.password;
		const client = getClientAddress();
		const wait = limiter.retryAfter(client, Date.now());
		if (wait > 0) {
			return fail(429, {
				errors: { form: `Too many wrong passwords. Try again in ${Math.ceil(wait / 60)} minutes.` },
				values
			});
		}
		const parsed = SignIn.safeParse(Object.fromEntries(form));
		if (!parsed.success) return fail(400, { errors: zodFieldErrors(parsed.error), values });
		const { db } = await getStore();
		const id = await signIn(db, parsed.data.password, parsed.data.name, new Date().toISOString());
		if (id === null) {
			limiter.fail(client, Date.now());
			return fail(400, { errors: { password: 'That is not the organizer password.' }, values });
		}
		limiter.succeed(client);
		cookies.set('session', id, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: SESSION_DAYS * 24 * 3600
		});
		redirect(303, safeNext(form.get('next') as string | null));
	},
	signOut: async ({ cookies, locals }) => {
		if (locals.organizer) {
			const { db } = await getStore();
			await signOut(db, locals.organizer.sessionId, new Date().toISOString());
		}
		cookies.delete('session', { path: '/' });
		redirect(303, '/');
	}
};
