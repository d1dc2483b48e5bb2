/**
 * Shell files that carry values: every value is single-quoted, with each `'`
 * written as `'\''`, so sourcing the file assigns the exact bytes and runs
 * nothing, whatever the value holds ($(), backticks, ;, newlines, quotes).
 * POSIX quoting: /bin/sh (dash) and bash read it the same way.
 */

const NAME = /^[A-Z_][A-Z0-9_]*$/;

/** `value` as one shell word that expands to exactly `value`. */
export function shellQuote(value: string): string {
  // A NUL byte cannot be held by a shell variable; refusing beats truncating silently.
  if (value.includes('\0')) throw new Error('a value written to a shell file must not contain a NUL byte');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A sourceable `NAME='value'` file, one assignment per variable. */
export function renderShellEnv(vars: Readonly<Record<string, string>>): string {
  return Object.entries(vars)
    .map(([name, value]) => {
      if (!NAME.test(name)) throw new Error(`shell variable name ${JSON.stringify(name)} must be upper-case letters, digits and _`);
      return `${name}=${shellQuote(value)}\n`;
    })
    .join('');
}
