import { error } from '@sveltejs/kit';
import { flushLedger } from '#lib/server/delivery.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

/**
 * The same page as the personal feed's "changes since your calendar last fetched", reached from
 * the member's own page: the member link is the key (the feed's token is stored hashed, so the
 * member page cannot link to the feed's own copy).
 */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	const personId = await locals.services.accounts.memberForToken(params.token);
	const { index } = await locals.services.plan.current();
	const person = personId === null ? undefined : index.people.get(personId);
	if (!person)
		error(404, 'This personal link is not valid (any more). Ask an organizer for a new one.');
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	await flushLedger();
	const { feedIssued } = await locals.services.access.state(person.id);
	const report = await locals.services.delivery.changesSinceLastFetch(
		index,
		person,
		locals.locale,
		Date.now(),
		feedIssued !== null
	);
	return { name: person.name, token: params.token, report };
};
