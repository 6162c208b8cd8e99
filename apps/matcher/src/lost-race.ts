/**
 * A race lost to a chunk linking at the same moment (another partition, another instance): never the records'
 * fault, and over once the chunk is linked again. These are the hub's own errors and are told apart from
 * PostgreSQL's by their class, never by a made-up SQLSTATE-like code. `retriable` is what classifyFailure
 * (libs/runtime) reads to retry rather than quarantine, the convention of kafkajs's errors too.
 */
export abstract class LostRace extends Error {
  readonly retriable = true;
  /** What was lost, for the log: "an ID number race". */
  abstract readonly race: string;
}
