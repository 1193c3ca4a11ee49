/**
 * Clashes for the running app: who is looking (an organizer holds the admin token), and a small
 * cache per plan snapshot, viewer and locale, since every page view would otherwise recompute them.
 */
import { findClashes, type Clash } from '#lib/domain/clashes.ts';
import type { Viewer } from '#lib/domain/commitments.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import { checkBearer } from './auth.ts';
import { getStore } from './store.ts';

/** Organizer with `Authorization: Bearer $ADMIN_TOKEN`; everyone else is anonymous. */
export async function viewerOf(request: Request): Promise<Viewer> {
	const { config } = await getStore();
	const auth = checkBearer(request.headers.get('authorization'), config.adminToken);
	return auth === 'ok' ? { type: 'organizer' } : { type: 'anonymous' };
}

const cache = new WeakMap<PlanIndex, Map<string, Clash[]>>();

export function planClashes(index: PlanIndex, viewer: Viewer, locale: string): Clash[] {
	let byKey = cache.get(index);
	if (!byKey) {
		byKey = new Map();
		cache.set(index, byKey);
	}
	const key = `${viewer.type === 'person' ? `person:${viewer.id}` : viewer.type}|${locale}`;
	let clashes = byKey.get(key);
	if (!clashes) {
		clashes = findClashes(index, { viewer, locale });
		byKey.set(key, clashes);
	}
	return clashes;
}
