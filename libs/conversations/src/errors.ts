/** Thrown by use cases; the API maps them to 404 / 409 / 400 without the use cases knowing HTTP. */
export class NotFoundError extends Error {
  constructor(what: string, id: number | string) {
    super(`${what} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A request that is well-formed but not allowed in the current state, with the field it concerns. */
export class InvalidRequestError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'InvalidRequestError';
  }
}
