/**
 * Problems of Port values built with invalid numbers. Port factories have no construct scope,
 * so they record the problem here and the security group that uses the Port throws an
 * EniConfigError naming the rule's construct path (like Peer, which is also checked there).
 */
const PROBLEMS = new WeakMap<object, string>();

/** Records why `port` cannot be used. */
export function notePortProblem(port: object, problem: string): void {
  PROBLEMS.set(port, problem);
}

/** Why `port` cannot be used, or undefined when it is valid. */
export function portProblem(port: object): string | undefined {
  return PROBLEMS.get(port);
}
