import { error } from '@sveltejs/kit';
import { changesSinceLastFetch } from '#lib/server/delivery-report.ts';
import { flushLedger } from '#lib/server/delivery.ts';
import { findTokenOwner } from '#lib/server/feed-tokens.ts';
import { currentPlan, getStore } from '#lib/server/store.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

/**
 * "Changes since your calendar last fetched", linked from the personal feed's description: the
 * feed's secret token is the key, so only the person (and whoever they share the feed with) sees it.
 */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	const { db } = await getStore();
	const owner = await findTokenOwner(db, params.token);
	const { index } = await currentPlan();
	const person = owner ? index.people.get(owner.personId) : undefined;
	if (!owner || !person) error(404, 'No such feed.');
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	await flushLedger();
	const report = await changesSinceLastFetch(db, index, person, locals.locale, Date.now(), true);
	return { name: person.name, report };
};
