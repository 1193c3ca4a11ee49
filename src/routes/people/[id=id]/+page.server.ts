import { error } from '@sveltejs/kit';
import { clashRow } from '#lib/domain/clash-view.ts';
import { clashesFor } from '#lib/domain/clashes.ts';
import { ANONYMOUS } from '#lib/domain/commitments.ts';
import { personDetail } from '#lib/domain/people.ts';
import { groupFeedPath, subscribeLinks } from '#lib/feeds/catalog.ts';
import { feedTitle } from '#lib/feeds/feed.ts';
import { publicBase } from '#lib/server/feeds.ts';
import { planClashes } from '#lib/server/clashes.ts';
import { personAccessActions } from '#lib/server/person-access.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { index, full } = await locals.services.plan.current();
	const person = index.people.get(params.id);
	if (!person) error(404, `There is nobody called “${params.id}” in the plan.`);
	const base = await publicBase(url);
	// The public feeds that concern this person: the whole plan and each group they belong to.
	const feeds = [
		{ path: '/calendar.ics', ...feedTitle(index, { type: 'all' }) },
		...(index.groupsByPerson.get(person.id) ?? []).map((g) => ({
			path: groupFeedPath(g.id),
			...feedTitle(index, { type: 'group', group: g.id })
		}))
	].map((f) => ({ ...f, ...subscribeLinks(base, f.path) }));
	const clashes = clashesFor(planClashes(index, ANONYMOUS, locals.locale), { person: person.id });
	return {
		person: personDetail(index, person, Date.now(), locals.locale),
		clashes: clashes.map((c) => clashRow(index, c)),
		feeds,
		canEdit: locals.organizer !== null,
		// Only organizers learn when a link or feed address was issued (never the secret itself).
		access: locals.organizer !== null ? await locals.services.access.state(person.id) : null,
		// Their calendars (addresses included, which are secrets): organizers only.
		sources:
			locals.organizer !== null
				? (await locals.services.sources.list(person.id, full))
						.filter((s) => s.kind !== 'manual')
						.map((s) => ({
							label: s.label,
							kind: s.kind,
							url: s.url,
							count: s.count,
							paused: s.paused,
							lastRefreshAt: s.lastRefreshAt,
							lastError: s.lastError
						}))
				: null
	};
};

export const actions: Actions = personAccessActions;
