/** Thrown when instance-type limits (built-in data, an API import or user overrides) are malformed. */
export class InstanceTypeCatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InstanceTypeCatalogError";
  }
}
