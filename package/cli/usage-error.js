// The error of a command line the CLI itself cannot make sense of (exit status 2), as opposed
// to the library's InvalidQueryError for a query it rejects.

export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
    this.code = 'ERR_USAGE';
  }
}
