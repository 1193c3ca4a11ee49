/**
 * The services routes call, built once when the server starts (`init` in hooks.server.ts) and
 * handed to every request as `event.locals.services`. Routes parse the request, call one service
 * and answer; only the repositories behind these services see the database.
 *
 * Each entry is a small object of functions over one concept; add a concept here as one line.
 * Repository functions take the database first; `on(db)` binds it, so a service is a list of
 * the repository functions it offers.
 */
import type { Kysely } from 'kysely';
import * as accountsRepo from './accounts.ts';
import * as sourcesRepo from './availability-sources.ts';
import { importFile } from './source-import.ts';
import { refreshSource, subscribe } from './source-refresh.ts';
import type { Config } from './config.ts';
import { findService } from './find-service.ts';
import type { Database } from './db.ts';
import { changesSinceLastFetch, itemDelivery } from './delivery-report.ts';
import { versionOf } from './edit-repository.ts';
import { findTokenOwner, issueToken, setPrivateBusy } from './feed-tokens.ts';
import { applyImport, previewImport } from './plan-import.ts';
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

type Db = Kysely<Database>;
/** A repository function with its database bound. */
type Bound<F> = F extends (db: Db, ...rest: infer A) => infer R ? (...rest: A) => R : never;
const on =
	(db: Db) =>
	<F extends (db: Db, ...rest: never[]) => unknown>(f: F): Bound<F> =>
		((...rest: never[]) => f(db, ...rest)) as Bound<F>;

// Long on purpose: one declarative map of every service a route can call, read top to bottom;
// split up, it would only scatter the map (each entry is a one-line binding).
function build(config: Config, db: Db, reader: Db) {
	const bind = on(db);
	// Reads every request makes, on the read-only connection: an import's write holds the other.
	const read = on(reader);
	return {
		/** The server's configuration, read once from the environment. */
		config,
		/** The plan in memory and the one write path (store.ts, write.ts). */
		plan: {
			current: currentPlan,
			currentFull: currentFullPlan,
			write,
			edit: editPlan,
			editMany: editPlanMany,
			importBusy,
			replaceWith: replacePlanWith,
			replaceFromJson: replacePlanFromJson
		},
		/** Replacing the whole plan from a file: preview, then apply what was previewed. */
		imports: { preview: (text: string) => previewImport(db, text), apply: applyImport },
		/** The version an edit form carries, so a change made meanwhile is not overwritten. */
		versions: { of: bind(versionOf) },
		/** Organizer sign-in and sessions, the first-run setup link, login attempts. */
		accounts: {
			findSession: read(accountsRepo.findSession),
			signIn: bind(accountsRepo.signIn),
			signOut: bind(accountsRepo.signOut),
			reserveAttempt: bind(accountsRepo.reserveAttempt),
			clearAttempts: bind(accountsRepo.clearAttempts),
			setupTokenValid: bind(accountsRepo.setupTokenValid),
			completeSetup: bind(accountsRepo.completeSetup),
			memberForToken: read(accountsRepo.memberForToken)
		},
		/** Members' personal links and feed addresses, and what of them is issued. */
		access: {
			state: bind(accountsRepo.accessState),
			issueMemberLink: bind(accountsRepo.issueMemberLink),
			revokeMemberLink: bind(accountsRepo.revokeMemberLink),
			revokeFeedAddress: bind(accountsRepo.revokeFeedAddress),
			issueFeed: bind(issueToken),
			feedOwner: bind(findTokenOwner),
			setPrivateBusy: bind(setPrivateBusy)
		},
		/** A member's calendars: imported files and subscribed addresses (availability-sources.ts and source-*.ts). */
		sources: {
			list: bind(sourcesRepo.listSources),
			find: bind(sourcesRepo.findSource),
			setPaused: bind(sourcesRepo.setPaused),
			importFile,
			subscribe,
			refresh: refreshSource,
			restyle: sourcesRepo.restyleSource,
			remove: sourcesRepo.removeSource
		},
		/** Both meeting finders: the pages, the API searches and what a chosen window writes. */
		find: findService,
		/** Which calendars hold the current plan (the delivery ledger). */
		delivery: {
			changesSinceLastFetch: bind(changesSinceLastFetch),
			ofItem: bind(itemDelivery)
		}
	};
}

export type Services = ReturnType<typeof build>;

let built: Promise<Services> | null = null;

/** Opens the store (database, migrations, seed) and builds the services, once per process. */
export function services(): Promise<Services> {
	built ??= getStore().then(
		({ config, db, reader }) => build(config, db, reader),
		(e: unknown) => {
			built = null;
			throw e;
		}
	);
	return built;
}
