/**
 * Every word a change notice says, in one table per language, so a translation is one more
 * entry. Functions, not templates: word order differs between languages.
 */
export type MailStrings = {
	subject: (title: string) => string;
	cancelSubject: (title: string) => string;
	greeting: (name: string) => string;
	why: string;
	details: (url: string) => string;
	changes: (url: string) => string;
	footer: string;
};

export const MAIL_STRINGS = {
	en: {
		subject: (title) => `Changed: ${title}`,
		cancelSubject: (title) => `Cancelled: ${title}`,
		greeting: (name) => `Hello ${name},`,
		why: 'Your calendar has not picked up this change yet, so here it is by email. The attached invitation updates the event your calendar already has; it does not add a second one.',
		details: (url) => `Details: ${url}`,
		changes: (url) => `Everything that changed since your calendar last fetched: ${url}`,
		footer: 'IWW Planner'
	}
} as const satisfies Record<string, MailStrings>;

export type MailLanguage = keyof typeof MAIL_STRINGS;
