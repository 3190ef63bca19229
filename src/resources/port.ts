import { show } from "../show";

/**
 * A protocol and port range for a security group rule. Only valid combinations can be used:
 * tcp/udp always carry a real range (the provider rejects `-1/-1` for them at apply time),
 * icmp/gre/all never do. An invalid port number or a reversed range is rejected with an
 * EniConfigError naming the rule's construct path when the Port is used in a security group.
 */
export class Port {
  /** One TCP port. */
  public static tcp(port: number): Port {
    return Port.range("tcp", port, port);
  }
  /** A range of TCP ports, inclusive. */
  public static tcpRange(from: number, to: number): Port {
    return Port.range("tcp", from, to);
  }
  /** One UDP port. */
  public static udp(port: number): Port {
    return Port.range("udp", port, port);
  }
  /** A range of UDP ports, inclusive. */
  public static udpRange(from: number, to: number): Port {
    return Port.range("udp", from, to);
  }
  /** All TCP ports. */
  public static allTcp(): Port {
    return Port.range("tcp", 1, 65535);
  }
  /** All UDP ports. */
  public static allUdp(): Port {
    return Port.range("udp", 1, 65535);
  }
  /** ICMP (IPv4). */
  public static icmp(): Port {
    return new Port("icmp", -1, -1);
  }
  /** GRE. */
  public static gre(): Port {
    return new Port("gre", -1, -1);
  }
  /** All protocols and ports. */
  public static allTraffic(): Port {
    return new Port("all", -1, -1);
  }

  private static range(protocol: "tcp" | "udp", from: number, to: number): Port {
    return new Port(protocol, from, to);
  }

  private constructor(
    /** ip_protocol: tcp, udp, icmp, gre or all. */
    public readonly protocol: "tcp" | "udp" | "icmp" | "gre" | "all",
    /** First port, or -1. */
    public readonly fromPort: number,
    /** Last port, or -1. */
    public readonly toPort: number,
  ) {}

  /**
   * Why this Port cannot be used (an invalid port number or a reversed range), or undefined.
   * Checked where a security group uses it, so the error can name the rule's construct path.
   */
  public problem(): string | undefined {
    if (this.protocol !== "tcp" && this.protocol !== "udp") return undefined;
    const bad = [this.fromPort, this.toPort].find((p) => !Number.isInteger(p) || p < 1 || p > 65535);
    if (bad !== undefined) return `port ${show(bad)} is not valid for ${this.protocol}; expected a whole number from 1 to 65535.`;
    if (this.fromPort > this.toPort) return `port range ${this.fromPort}-${this.toPort} is reversed; give the lower port first (${this.toPort}-${this.fromPort}).`;
    return undefined;
  }

  /** The provider's `port_range` text, e.g. `22/22` or `-1/-1`. */
  public get portRange(): string {
    return `${this.fromPort}/${this.toPort}`;
  }

  /** True when this rule's ports include `port` (protocol-agnostic for `all`). */
  public includes(protocol: string, port: number): boolean {
    if (this.protocol === "all") return true;
    return this.protocol === protocol && port >= this.fromPort && port <= this.toPort;
  }
}
