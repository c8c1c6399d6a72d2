/** The time in epoch milliseconds. Tests hand the network one they move. */
export type Clock = () => number;

/** The one place that reads the system time; everything else is handed a Clock. */
export const systemClock: Clock = () => Date.now();
