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
};

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const token = env.ADMIN_TOKEN?.trim();
	return {
		databasePath: env.DATABASE_PATH?.trim() || './data/planner.db',
		adminToken: token ? token : null,
		maxBodyBytes: 5 * 1024 * 1024,
		publicUrl: env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null
	};
}
