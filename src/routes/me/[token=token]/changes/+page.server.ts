import { error } from '@sveltejs/kit';
import { accessState, memberForToken } from '#lib/server/accounts.ts';
import { changesSinceLastFetch } from '#lib/server/delivery-report.ts';
import { flushLedger } from '#lib/server/delivery.ts';
import { currentPlan, getStore } from '#lib/server/store.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

/**
 * The same page as the personal feed's "changes since your calendar last fetched", reached from
 * the member's own page: the member link is the key (the feed's token is stored hashed, so the
 * member page cannot link to the feed's own copy).
 */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	const { db } = await getStore();
	const personId = await memberForToken(db, params.token);
	const { index } = await currentPlan();
	const person = personId === null ? undefined : index.people.get(personId);
	if (!person)
		error(404, 'This personal link is not valid (any more). Ask an organizer for a new one.');
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	await flushLedger();
	const { feedIssued } = await accessState(db, person.id);
	const report = await changesSinceLastFetch(
		db,
		index,
		person,
		locals.locale,
		Date.now(),
		feedIssued !== null
	);
	return { name: person.name, token: params.token, report };
};
