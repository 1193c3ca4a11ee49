/**
 * Configuration from the environment, read once. Plain `process.env` (adapter-node) so the same
 * module serves the app, the CLI and the tests.
 */
export type Config = {
	databasePath: string;
	/** Bearer token for write APIs; `null` refuses every write. */
	adminToken: string | null;
	/** Largest request body the write APIs accept, in bytes. */
	maxBodyBytes: number;
	/** Public base URL for links in feeds and on /subscribe (PUBLIC_URL); null: the request's origin. */
	publicUrl: string | null;
	/** ORGANIZER_PASSWORD; null: organizers set one through the setup link printed at start. */
	organizerPassword: string | null;
	/** PUBLIC_PLAN (default true); false: pages and API need a member link or an organizer. */
	publicPlan: boolean;
	/** Most busy periods one member may have (BUSY_LIMIT_PER_PERSON, default 5,000). */
	busyLimitPerPerson: number;
	/** Most busy periods in the whole plan (BUSY_LIMIT_PER_PLAN, default 200,000). */
	busyLimitPerPlan: number;
	/** ICS_FETCH_ALLOW: `host[:port]` entries the calendar fetcher may reach over plain http or at
	 * private addresses (a local calendar server, tests). */
	icsFetchAllow: string[];
	/** ICS_REFRESH_HOURS (default 6): how often subscribed calendars are fetched; 0 turns it off. */
	icsRefreshHours: number;
	/** ICS_FETCH_TIMEOUT_MS (default 10,000): the whole fetch of a calendar, redirects included. */
	icsFetchTimeoutMs: number;
};

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const token = env.ADMIN_TOKEN?.trim();
	return {
		databasePath: env.DATABASE_PATH?.trim() || './data/planner.db',
		adminToken: token ? token : null,
		maxBodyBytes: 5 * 1024 * 1024,
		publicUrl: env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null,
		organizerPassword: env.ORGANIZER_PASSWORD ? env.ORGANIZER_PASSWORD : null,
		publicPlan: !/^(false|0|no|off)$/i.test(env.PUBLIC_PLAN?.trim() ?? ''),
		busyLimitPerPerson: count(env.BUSY_LIMIT_PER_PERSON, 5000),
		busyLimitPerPlan: count(env.BUSY_LIMIT_PER_PLAN, 200_000),
		icsFetchAllow: (env.ICS_FETCH_ALLOW ?? '')
			.split(',')
			.map((h) => h.trim().toLowerCase())
			.filter(Boolean),
		icsRefreshHours: number(env.ICS_REFRESH_HOURS, 6),
		icsFetchTimeoutMs: count(env.ICS_FETCH_TIMEOUT_MS, 10_000)
	};
}

/** A non-negative integer setting; anything else is the default. */
function count(raw: string | undefined, fallback: number): number {
	const n = Number(raw?.trim() || NaN);
	return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

/** A non-negative number setting (fractions allowed); anything else is the default. */
function number(raw: string | undefined, fallback: number): number {
	const n = Number(raw?.trim() || NaN);
	return Number.isFinite(n) && n >= 0 ? n : fallback;
}
