// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The viewer's locale (from Accept-Language), for writing dates as people read them. */
			locale: string;
		}
	}
}

export {};
