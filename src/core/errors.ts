/** An error whose message is meant for the person in the chat and is replied as is. */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserFacingError'
  }
}

/** Wrong arguments to a command: the router answers with the command's usage. */
export class UsageError extends UserFacingError {
  constructor(detail = '') {
    super(detail)
    this.name = 'UsageError'
  }
}
