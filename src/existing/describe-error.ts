/** Thrown when a Describe* API response (DescribeNetworkInterfaces, DescribeInstances, DescribeHaVips) cannot be read. */
export class DescribeResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DescribeResponseError";
  }
}
