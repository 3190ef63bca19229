/**
 * Text that is safe in Mermaid flowcharts, whatever the construct paths contain.
 *
 * Labels are always written quoted (`id["..."]`, `a -- "..." --> b`); inside quotes Mermaid ends the
 * string at `"`, reads `#name;` / `#123;` as an entity, a leading backtick as a Markdown string, and
 * passes `<`, `>` and `&` to the browser as HTML. Each of those characters becomes a Mermaid entity
 * code, so the text shows exactly as given. Line breaks and tabs become spaces.
 */
const LABEL_ESCAPES: Readonly<Record<string, string>> = {
  "#": "#35;",
  '"': "#quot;",
  "<": "#lt;",
  ">": "#gt;",
  "&": "#amp;",
  "`": "#96;",
  "\n": " ",
  "\r": " ",
  "\t": " ",
};

const LABEL_SPECIAL = /[#"<>&`\n\r\t]/g;

/** `text` escaped for use between the quotes of a Mermaid label (shows exactly as given). */
export function mermaidText(text: string): string {
  return text.replace(LABEL_SPECIAL, (c) => LABEL_ESCAPES[c]);
}

/** A quoted Mermaid label of several lines, each escaped (`"line 1<br/>line 2"`). */
export function mermaidLabel(lines: readonly string[]): string {
  return `"${lines.map(mermaidText).join("<br/>")}"`;
}

/**
 * Node ids that are valid Mermaid identifiers whatever the construct paths are: a fixed prefix per
 * kind (none starts with `o` or `x`, which Mermaid would read as an edge end after `--`) and a
 * running number, given out in the order of first use, so the same input gives the same ids.
 */
export class MermaidIds {
  private readonly ids = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  /** The id of `key` (e.g. a construct path) among nodes of `prefix` (letters only, e.g. `eni`). */
  public idOf(prefix: string, key: string): string {
    if (!/^[a-z]+$/.test(prefix) || prefix.startsWith("o") || prefix.startsWith("x"))
      throw new Error(`internal error: Mermaid id prefix ${JSON.stringify(prefix)} is not lower-case letters, or starts with o or x`);
    const k = `${prefix}\u0000${key}`;
    let id = this.ids.get(k);
    if (id === undefined) {
      const n = this.counts.get(prefix) ?? 0;
      this.counts.set(prefix, n + 1);
      id = `${prefix}_${n}`;
      this.ids.set(k, id);
    }
    return id;
  }

  /** The id of `key` among nodes of `prefix` when it was given out. */
  public find(prefix: string, key: string): string | undefined {
    return this.ids.get(`${prefix}\u0000${key}`);
  }
}
