/** Runs `fn` with process.stdout captured; returns what it wrote (restored even when `fn` throws, which is rethrown). */
export function captureStdout(fn: () => void): string {
  const writes: string[] = [];
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return writes.join("");
}
