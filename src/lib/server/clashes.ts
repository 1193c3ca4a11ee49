/**
 * Clashes for the running app: who is looking (an organizer holds the admin token), and a small
 * cache per plan snapshot, viewer and locale, since every page view would otherwise recompute them.
 */
import { findClashes, type Clash } from '#lib/domain/clashes.ts';
import { ANONYMOUS, warmCommitmentSlots, type Viewer } from '#lib/domain/commitments.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import { checkBearer } from './auth.ts';
import { derived, warmEachVersion } from './derived.ts';
import { DEFAULT_LOCALE } from './locale.ts';
import { currentPlan, getStore } from './store.ts';

/**
 * Who is looking: an organizer (signed in, or holding the admin token), a member through their
 * personal link (sees their own private reasons), or anyone else.
 */
export async function viewerOf(request: Request, locals: App.Locals): Promise<Viewer> {
	if (locals.organizer) return { type: 'organizer' };
	const { config } = await getStore();
	const auth = checkBearer(request.headers.get('authorization'), config.adminToken);
	if (auth === 'ok') return { type: 'organizer' };
	return locals.member ? { type: 'person', id: locals.member } : { type: 'anonymous' };
}

/**
 * The clashes `viewer` may see, computed on the plan they may see: private busy reasons exist
 * only in the full plan, and only organizers and the member concerned get to read them.
 */
export async function clashesSeenBy(
	viewer: Viewer,
	locale: string
): Promise<{ index: PlanIndex; clashes: Clash[] }> {
	const index = await indexSeenBy(viewer);
	return { index, clashes: planClashes(index, viewer, locale) };
}

/** The plan `viewer` may reason about: the full one for organizers and members, else redacted. */
export async function indexSeenBy(viewer: Viewer): Promise<PlanIndex> {
	const snapshot = await currentPlan();
	return viewer.type === 'anonymous' ? snapshot.index : snapshot.fullIndex;
}

export function planClashes(index: PlanIndex, viewer: Viewer, locale: string): Clash[] {
	const who = viewer.type === 'person' ? `person:${viewer.id}` : viewer.type;
	return derived(index, `clashes|${who}|${locale}`, () => findClashes(index, { viewer, locale }));
}

/** Commitments' slots derived per step of warming: ~10 ms at 5,000 new busy periods. */
const SLOTS_PER_STEP = 500;

/**
 * Every public page counts the clashes anyone may see: after a big write (an import of thousands
 * of busy periods) they are built before readers see the new version, not by its first reader.
 * The costly part, each new commitment's slots, is derived first a slice at a time (organizers'
 * and members' views share them). A member's import is followed by their own page: warmed too.
 */
warmEachVersion(function* (snapshot, writer) {
	for (const index of new Set([snapshot.index, snapshot.fullIndex])) {
		let at: number | null = 0;
		while (at !== null) {
			at = warmCommitmentSlots(index, at, SLOTS_PER_STEP);
			yield;
		}
	}
	planClashes(snapshot.index, ANONYMOUS, DEFAULT_LOCALE);
	if (writer.kind !== 'member') return;
	yield;
	planClashes(snapshot.fullIndex, { type: 'person', id: writer.person }, DEFAULT_LOCALE);
});
