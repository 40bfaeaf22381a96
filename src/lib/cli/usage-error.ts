/** A command was given something it cannot use; the message is one line for the person at the terminal. */
export class UsageError extends Error {
  override name = 'UsageError';
}
