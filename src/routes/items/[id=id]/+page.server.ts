import { error } from '@sveltejs/kit';
import { clashRow } from '#lib/domain/clash-view.ts';
import { clashesFor } from '#lib/domain/clashes.ts';
import { ANONYMOUS } from '#lib/domain/commitments.ts';
import { planClashes } from '#lib/server/clashes.ts';
import { participantTimes } from '#lib/domain/local-times.ts';
import { formatTimedIn, itemDetail } from '#lib/domain/present.ts';
import { flushLedger } from '#lib/server/delivery.ts';
import { zoneFrom } from '#lib/server/http.ts';
import { historyFor } from '#lib/server/history-view.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { index } = await locals.services.plan.current();
	const item = index.items.get(params.id);
	if (!item) error(404, `There is no item “${params.id}” in the plan.`);
	const clashes = clashesFor(planClashes(index, ANONYMOUS, locals.locale), { item: item.id });
	// The viewer's zone: ?zone=, or (with JavaScript) the browser's, which the page adds to the URL.
	const zone = zoneFrom(url);
	const timed = index.dates.get(item.id)?.timed ?? null;
	return {
		item: itemDetail(index, item, locals.locale),
		timed: timed
			? {
					ownZone: timed.zone,
					viewerZone: zone,
					viewerTime: zone ? formatTimedIn(timed, zone, locals.locale) : null
				}
			: null,
		participants: participantTimes(index, item, locals.locale),
		clashes: clashes.map((c) => clashRow(index, c)),
		history: await historyFor(locals, { item: item.id, limit: 20 }),
		canEdit: locals.organizer !== null,
		// Organizers only (their pages bypass the public page cache, which would make it stale).
		delivery: locals.organizer ? await organizerDelivery(locals.services, item.id) : null
	};
};

/** How many members' calendars fetched their feed since the item last changed. */
async function organizerDelivery(services: App.Locals['services'], itemId: string) {
	await flushLedger();
	return services.delivery.ofItem(itemId);
}
