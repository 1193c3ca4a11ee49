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
};

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const token = env.ADMIN_TOKEN?.trim();
	return {
		databasePath: env.DATABASE_PATH?.trim() || './data/planner.db',
		adminToken: token ? token : null,
		maxBodyBytes: 5 * 1024 * 1024,
		publicUrl: env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null,
		organizerPassword: env.ORGANIZER_PASSWORD ? env.ORGANIZER_PASSWORD : null,
		publicPlan: !/^(false|0|no|off)$/i.test(env.PUBLIC_PLAN?.trim() ?? '')
	};
}
