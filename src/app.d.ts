// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The viewer's locale (from Accept-Language), for writing dates as people read them. */
			locale: string;
			/** The signed-in organizer (session cookie), or null. */
			organizer: { name: string; sessionId: string } | null;
			/** The person whose member link this browser holds (member cookie), or null. */
			member: string | null;
			/** The app's services, built once at start-up (see src/lib/server/services.ts). */
			services: import('#lib/server/services.ts').Services;
		}
	}
}

export {};
