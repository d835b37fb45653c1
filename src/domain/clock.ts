/** The clock is a parameter everywhere, so tests move time instead of sleeping. Epoch milliseconds. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
