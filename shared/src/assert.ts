export function assertUnreachable(value: never): never {
  throw new Error(`Unreachable value: ${JSON.stringify(value)}`);
}
