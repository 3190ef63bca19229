/**
 * Thrown while a construct is being created, when its props cannot work at all
 * (e.g. an invalid CIDR, an IPv6 address where IPv4 is needed, zero security groups).
 * The message names the construct path, the offending value, what was expected and what to do.
 */
export class EniConfigError extends Error {
  /** Construct path of the offending construct. */
  public readonly constructPath: string;

  constructor(constructPath: string, message: string) {
    super(`[${constructPath}] ${message}`);
    this.name = "EniConfigError";
    this.constructPath = constructPath;
  }
}
