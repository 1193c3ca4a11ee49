import { error } from '@sveltejs/kit';
import { flushLedger } from '#lib/server/delivery.ts';
import { changesNotFetched } from '#lib/server/member-page.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

/**
 * "Changes since your calendar last fetched", linked from the personal feed's description: the
 * feed's secret token is the key, so only the person (and whoever they share the feed with) sees it.
 */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	const owner = await locals.services.access.feedOwner(params.token);
	const { index } = await locals.services.plan.current();
	const person = owner ? index.people.get(owner.personId) : undefined;
	if (!owner || !person) error(404, 'No such feed.');
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	await flushLedger();
	const report = await changesNotFetched(locals, index, person);
	return { name: person.name, report };
};
