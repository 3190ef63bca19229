import { Token } from "../cdktf";
import { EniConfigError } from "../errors";
import { GuestNetworkSpec, mergeUserData, renderGuestNetworkInstaller, renderGuestNetworkScript, specFromPlan, userDataText, whyNotMergeable } from "../guest";
import type { InstanceFact } from "../model/facts";
import type { NetworkModel } from "../model/network-model";
import { EniPlanner } from "../planner/eni-planner";
import type { PlanResult } from "../planner/plan";
import { buildTopology, Topology } from "../planner/rules/topology";
import type { IEcsInstance } from "./ecs-instance";

/** The topology of one planned model and its instances by path, built once however many instances ask. */
const VIEWS = new WeakMap<NetworkModel, { topology: Topology; instances: Map<string, InstanceFact> }>();

/**
 * The guest OS side of an instance's ENIs, rendered from the synth-time plan: a POSIX sh script that
 * brings up every secondary ENI that is (or may be, for failover) attached to the instance, adds the
 * planned secondary private IPs and sets policy routing; it reads MACs and gateways from the metadata
 * service when it runs. See `EcsInstanceProps.configureNetwork`, which puts it into `user_data`.
 */
export class GuestNetwork {
  /** What the guest OS of `instance` needs, from the finished plan (plans the app if needed). */
  public static specOf(instance: IEcsInstance): GuestNetworkSpec {
    return specFor(instance, EniPlanner.of(instance).plan());
  }

  /**
   * The script for `instance` (a token that resolves at synth to the script's text), for new and imported
   * instances, e.g. to write to a file. For a `TerraformOutput` value use {@link scriptForOutput}.
   */
  public static scriptFor(instance: IEcsInstance): string {
    return EniPlanner.of(instance).lazyFromPlan((plan) => renderGuestNetworkScript(specFor(instance, plan)), `guest network script of ${instance.node.path}`);
  }

  /**
   * The script as a Terraform string literal: `${` and `%{` (template syntax in Terraform JSON strings) escaped
   * as `$${` and `%%{`, so `terraform output -raw` gives the script itself. For `TerraformOutput` values.
   */
  public static scriptForOutput(instance: IEcsInstance): string {
    return EniPlanner.of(instance).lazyFromPlan((plan) => terraformLiteral(renderGuestNetworkScript(specFor(instance, plan))), `guest network script of ${instance.node.path}`);
  }

  /**
   * Base64 user data for `instance`: the cloud-init part that installs and runs the script (and a systemd
   * unit that runs it at every boot), merged with `userData` (plain or base64) into one multipart MIME
   * message. Throws an EniConfigError when `userData` is a token or not a cloud-init format.
   */
  public static userDataFor(instance: IEcsInstance, userData?: string): string {
    let text: string | undefined;
    if (userData !== undefined && userData !== "") {
      if (Token.isUnresolved(userData)) {
        throw new EniConfigError(
          instance.node.path,
          "userData is a token (unknown until apply), so configureNetwork cannot merge it with the guest network part. Give userData as a literal string (plain or base64), or leave configureNetwork off.",
        );
      }
      text = userDataText(userData);
      const why = whyNotMergeable(text);
      if (why !== undefined)
        throw new EniConfigError(instance.node.path, `userData cannot be merged with the guest network part: ${why}. Start it with #cloud-config or #!, or give a MIME multipart message.`);
    }
    return EniPlanner.of(instance).lazyFromPlan((plan) => {
      const spec = specFor(instance, plan);
      const part = renderGuestNetworkInstaller(spec.instance, renderGuestNetworkScript(spec));
      return Buffer.from(mergeUserData(part, text), "utf8").toString("base64");
    }, `guest network user data of ${instance.node.path}`);
  }
}

function specFor(instance: IEcsInstance, plan: PlanResult): GuestNetworkSpec {
  // The model the plan was made from: what the app will deploy (L1 resources and overrides included).
  const model = EniPlanner.of(instance).model();
  let view = VIEWS.get(model);
  if (!view) {
    view = { topology: buildTopology(model), instances: new Map(model.instances.map((i) => [i.path, i])) };
    VIEWS.set(model, view);
  }
  const fact = view.instances.get(instance.node.path);
  if (!fact) throw new Error(`internal error: instance ${instance.node.path} is not in the plan`);
  return specFromPlan({ instance: fact, enis: view.topology.enisOn.get(fact) ?? [], eips: model.eips, havips: model.havips, addresses: plan.addresses });
}

/** `text` as a Terraform JSON string whose value is `text` (template sequences escaped). */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
