/** The server's only source of time; tests pass a fixed or movable clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
