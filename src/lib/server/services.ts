/**
 * The services routes call, built once when the server starts (`init` in hooks.server.ts) and
 * handed to every request as `event.locals.services`. Routes parse the request, call one service
 * and answer; only the repositories behind these services see the database.
 *
 * Each entry is a small object of functions over one concept; add a concept here as one line.
 */
import type { Config } from './config.ts';
import { findService } from './find-service.ts';
import {
	currentFullPlan,
	currentPlan,
	editPlan,
	editPlanMany,
	getStore,
	importBusy,
	replacePlanFromJson,
	replacePlanWith,
	write
} from './store.ts';

/** The plan in memory and the one write path (store.ts, write.ts). */
const planService = {
	current: currentPlan,
	currentFull: currentFullPlan,
	write,
	edit: editPlan,
	editMany: editPlanMany,
	importBusy,
	replaceWith: replacePlanWith,
	replaceFromJson: replacePlanFromJson
};

export type Services = {
	/** The server's configuration, read once from the environment. */
	config: Config;
	plan: typeof planService;
	/** Both meeting finders: the pages, the API searches and what a chosen window writes. */
	find: typeof findService;
};

let built: Promise<Services> | null = null;

/** Opens the store (database, migrations, seed) and builds the services, once per process. */
export function services(): Promise<Services> {
	built ??= getStore().then(
		({ config }) => ({ config, plan: planService, find: findService }),
		(e: unknown) => {
			built = null;
			throw e;
		}
	);
	return built;
}
