import * as fs from "fs";

/** Text written per write call: large enough to be few calls, small enough to stay a short-lived string. */
const CHUNK = 1 << 16;

/**
 * Writes `value` as compact JSON and a newline, byte for byte what `JSON.stringify(value) + "\n"` gives, but in
 * chunks: a 10,000-ENI plan report is about 7 MB, and one string of that size is allocated straight into the
 * old generation, where it brings on a full garbage collection of the whole app's heap. Long arrays at the top
 * level (instances, ENIs, findings) are written element by element.
 */
export function writeCompactJson(file: string, value: Readonly<Record<string, unknown>>): void {
  const fd = fs.openSync(file, "w");
  try {
    let buffer = "{";
    let first = true;
    const flushIfFull = () => {
      if (buffer.length < CHUNK) return;
      fs.writeSync(fd, buffer);
      buffer = "";
    };
    for (const key of Object.keys(value)) {
      const v = value[key];
      const text = Array.isArray(v) ? undefined : JSON.stringify(v);
      if (!Array.isArray(v) && text === undefined) continue; // as JSON.stringify: undefined (and function) members are left out
      buffer += `${first ? "" : ","}${JSON.stringify(key)}:`;
      first = false;
      if (text !== undefined) buffer += text;
      else {
        const list = v as readonly unknown[];
        buffer += "[";
        for (let i = 0; i < list.length; i++) {
          buffer += `${i === 0 ? "" : ","}${JSON.stringify(list[i]) ?? "null"}`;
          flushIfFull();
        }
        buffer += "]";
      }
      flushIfFull();
    }
    fs.writeSync(fd, `${buffer}}\n`);
  } finally {
    fs.closeSync(fd);
  }
}
