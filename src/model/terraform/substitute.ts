import { hasMarker, Marker, parseMarker, replaceMarkers, wholeAddressKey } from "../markers";

/**
 * Replaces every planner marker in a Terraform configuration, in place. `valueOf` gives a marker's
 * value; `undefined` means "left for the cloud": the attribute holding it is dropped (a list with one
 * such element is dropped whole, as the provider then takes a count instead). Inside a longer string
 * an undefined value becomes the empty string. `addressOf`, when given, is asked instead of `valueOf` for a
 * string that is exactly one address marker (the common case at scale: no marker object is built).
 */
export function substituteMarkers(doc: Record<string, unknown>, valueOf: (m: Marker) => unknown, addressOf?: (key: string) => unknown): void {
  const DROP = Symbol("drop");
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (!hasMarker(v)) return v;
      const key = addressOf && wholeAddressKey(v);
      if (key) {
        const x = addressOf!(key);
        return x === undefined ? DROP : x;
      }
      const whole = parseMarker(v);
      if (whole) {
        const x = valueOf(whole);
        return x === undefined ? DROP : x;
      }
      return replaceMarkers(v, (m) => {
        const x = valueOf(m);
        return x === undefined ? "" : String(x);
      });
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = walk(v[i]);
        if (x === DROP) return DROP;
        v[i] = x;
      }
      return v;
    }
    if (typeof v === "object" && v !== null) {
      const o = v as Record<string, unknown>;
      for (const k in o) {
        const x = walk(o[k]);
        if (x === DROP) delete o[k];
        else if (x !== o[k]) o[k] = x;
      }
      return o;
    }
    return v;
  };
  walk(doc);
}
