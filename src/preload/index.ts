/** The preload bridge. Placeholder until the app issue defines the contract. */
export {};
