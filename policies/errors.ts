/**
 * Unusable input: a missing path, malformed JSON or YAML, a file in no known
 * format, an invalid waiver. The message is one paragraph naming the file, the
 * value and what is allowed; the CLI and the gate print it as it is (no stack
 * trace) and exit with 2.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
