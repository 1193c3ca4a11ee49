/**
 * The date finder's service, as routes call it (`findService`; to be handed to routes as
 * `locals.services.find`): each function takes the plan snapshot the route read
 * (`locals.services.plan.current()`) and parsed input, and does one thing: answer a search for
 * the page or the API, or write what was chosen (find-write.ts). The only database read here is
 * an item's revision, which an organizer's decision is checked against.
 */
import { advise } from '#lib/domain/find-advice.ts';
import { findInPerson } from '#lib/domain/finder.ts';
import type { Viewer } from '#lib/domain/commitments.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import type { Item } from '#lib/domain/schema.ts';
import { findVirtual } from '#lib/domain/virtual-finder.ts';
import { versionOf } from './edit-repository.ts';
import {
	finderPlan,
	FindInputError,
	inPersonQuery,
	InPersonBody,
	parseOr400,
	VirtualBody,
	virtualQuery
} from './find.ts';
import {
	inPersonBody,
	inPersonForm,
	pickedIn,
	virtualBody,
	virtualForm,
	type Picked
} from './find-forms.ts';
import {
	finderChoices,
	inPersonFound,
	virtualDecide,
	type InPersonPage,
	type VirtualPage
} from './find-page.ts';
import { decide, saveMeeting, saveSeries, setHolds } from './find-write.ts';
import { getStore } from './store.ts';

/** Who is looking at /find: whether they may write, whose link they hold, how they read dates. */
export type FinderViewer = { canSave: boolean; member: string | null; locale: string };

/** The item's stored revision, which a decision made on the page must still match. */
async function revisionOf(item: Item): Promise<number> {
	return Number(await versionOf((await getStore()).db, 'item', item));
}

/** The item searched for and its revision, when an organizer may decide it from the page. */
async function targetOf(
	index: PlanIndex,
	id: string | null,
	viewer: FinderViewer
): Promise<{ item: Item; revision: number } | null> {
	const item = id === null ? undefined : index.items.get(id);
	return viewer.canSave && item ? { item, revision: await revisionOf(item) } : null;
}

/** A field typed wrong is shown on the page (`error`); anything else is a real failure. */
function inputError(e: unknown): string {
	if (e instanceof FindInputError) return e.message;
	throw e;
}

/** The in-person tab of /find (`/find?…`), searched as the public sees the plan. */
async function inPersonPage(
	index: PlanIndex,
	params: URLSearchParams,
	viewer: FinderViewer
): Promise<InPersonPage> {
	const picked: Picked = pickedIn(params);
	const form = inPersonForm(params);
	const page = { tab: 'in-person' as const, ...finderChoices(index, picked, viewer.canSave), form };
	try {
		const q = inPersonQuery(index, inPersonBody(form, picked));
		const result = findInPerson(finderPlan(index), q, { type: 'anonymous' }, viewer.locale);
		const advice = advise(result, q, (id) => index.people.get(id)?.name ?? id);
		const target = await targetOf(index, q.ignoreItem, viewer);
		return { ...page, error: null, found: inPersonFound(q, result, advice, target) };
	} catch (e) {
		return { ...page, error: inputError(e), found: null };
	}
}

/** The virtual tab of /find (`/find?tab=virtual&…`), in the viewer's zone. */
async function virtualPage(
	index: PlanIndex,
	params: URLSearchParams,
	viewer: FinderViewer
): Promise<VirtualPage> {
	const picked = pickedIn(params);
	// The viewer's clock: ?zone=, else the member's own zone, else the plan's.
	const zone = (viewer.member ? index.people.get(viewer.member)?.zone : null) ?? index.plan.zone;
	const form = virtualForm(params, zone);
	const page = { tab: 'virtual' as const, ...finderChoices(index, picked, viewer.canSave), form };
	try {
		const q = virtualQuery(index, virtualBody(form, picked));
		const target = await targetOf(index, q.ignoreItem, viewer);
		const result = findVirtual(finderPlan(index), q, viewer.locale);
		return { ...page, error: null, result, decide: virtualDecide(target) };
	} catch (e) {
		return { ...page, error: inputError(e), result: null, decide: null };
	}
}

/** POST /api/find/in-person: the ranked windows, as `viewer` may see the plan. */
function inPerson(index: PlanIndex, raw: unknown, viewer: Viewer, locale: string) {
	const query = inPersonQuery(index, parseOr400(InPersonBody, raw));
	return findInPerson(finderPlan(index), query, viewer, locale);
}

/** POST /api/find/virtual: ranked start times and a fair series. */
function virtual(index: PlanIndex, raw: unknown, locale: string) {
	return findVirtual(finderPlan(index), virtualQuery(index, parseOr400(VirtualBody, raw)), locale);
}

export const findService = {
	inPersonPage,
	virtualPage,
	inPerson,
	virtual,
	/** A window as a new meeting; returns its id. */
	save: saveMeeting,
	/** A virtual slot or a series, one meeting each, in one write; returns the ids. */
	saveSeries,
	/** Decides an item on a window, checked against the revision the organizer saw. */
	decide,
	/** Publishes or withdraws an item's candidate windows as holds. */
	setHolds
};
export type FindService = typeof findService;
