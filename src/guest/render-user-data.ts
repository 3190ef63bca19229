import { GUEST_SCRIPT_PATH, GUEST_SERVICE_NAME } from "./guest-network-spec";

const SCRIPT_EOF = "ENI_GUEST_NETWORK_SCRIPT";
const UNIT_EOF = "ENI_GUEST_NETWORK_UNIT";
const RULE_EOF = "ENI_GUEST_NETWORK_RULE";
const RULE_FILE = "/etc/udev/rules.d/90-eni-guest-network.rules";

/** How long the service waits for planned ENIs that are not attached yet (Terraform attaches ENIs after the instance runs). */
export const GUEST_SERVICE_WAIT_SECONDS = 300;

/**
 * Cloud-init user data (a shell-script part, `#!/bin/sh`) that installs the guest network script at
 * {@link GUEST_SCRIPT_PATH} and runs it once, then (with systemd) enables {@link GUEST_SERVICE_NAME}, which
 * runs it at every boot (addresses, routes and rules added with ip(8) do not survive a reboot) and waits up
 * to {@link GUEST_SERVICE_WAIT_SECONDS} for planned ENIs that are not attached yet: Terraform attaches ENIs
 * only once the instance runs, so they may appear after cloud-init. A udev rule restarts the service when
 * a network interface appears, so an ENI attached later (failover) is configured too. Cloud-init runs
 * shell parts once per instance, late in boot (module scripts-user), when the metadata service is reachable.
 */
export function renderGuestNetworkInstaller(instance: string, script: string): string {
  if (script.split("\n").includes(SCRIPT_EOF)) throw new Error(`the guest network script of ${instance} contains the line ${SCRIPT_EOF}`);
  return `#!/bin/sh
# cloud-init user data written by cdktf-alicloud-eni for ${instance.replace(/[\r\n]+/g, " ")}:
# installs ${GUEST_SCRIPT_PATH}, runs it now and, through ${GUEST_SERVICE_NAME}, at every boot.
set -eu
mkdir -p ${dirname(GUEST_SCRIPT_PATH)}
cat > ${GUEST_SCRIPT_PATH} <<'${SCRIPT_EOF}'
${script.endsWith("\n") ? script : `${script}\n`}${SCRIPT_EOF}
chmod 0755 ${GUEST_SCRIPT_PATH}
if [ -d /run/systemd/system ]; then
  cat > /etc/systemd/system/${GUEST_SERVICE_NAME} <<'${UNIT_EOF}'
[Unit]
Description=Secondary ENIs, private IPs and policy routing planned by cdktf-alicloud-eni
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
TimeoutStartSec=${GUEST_SERVICE_WAIT_SECONDS * 2}
ExecStart=${GUEST_SCRIPT_PATH} --wait ${GUEST_SERVICE_WAIT_SECONDS}

[Install]
WantedBy=multi-user.target
${UNIT_EOF}
  cat > ${RULE_FILE} <<'${RULE_EOF}'
ACTION=="add", SUBSYSTEM=="net", KERNEL!="lo", RUN+="/bin/sh -c 'systemctl --no-block restart ${GUEST_SERVICE_NAME}'"
${RULE_EOF}
  systemctl daemon-reload
  systemctl enable ${GUEST_SERVICE_NAME}
  udevadm control --reload || true
fi
status=0
${GUEST_SCRIPT_PATH} || status=$?
if [ -d /run/systemd/system ]; then systemctl --no-block start ${GUEST_SERVICE_NAME}; fi
exit "$status"
`;
}

function dirname(p: string): string {
  return p.slice(0, p.lastIndexOf("/"));
}

/** Cloud-init's user-data formats, by the first line's start (cloud-init docs, "User data formats"). */
const FORMATS: readonly [prefix: string, contentType: string][] = [
  ["#cloud-config-archive", "text/cloud-config-archive"],
  ["#cloud-config-jsonp", "text/cloud-config-jsonp"],
  ["#cloud-config", "text/cloud-config"],
  ["#cloud-boothook", "text/cloud-boothook"],
  ["#include-once", "text/x-include-once-url"],
  ["#include", "text/x-include-url"],
  ["#part-handler", "text/part-handler"],
  ["#upstart-job", "text/upstart-job"],
  ["## template: jinja", "text/jinja2"],
  ["#!", "text/x-shellscript"],
];

/** The boundary of the merged message; the parts are base64, which never holds "-", so it cannot occur in them. */
export const USER_DATA_BOUNDARY = "==cdktf-alicloud-eni-guest-network==";

/** Why user data cannot be merged, or undefined when it can. */
export function whyNotMergeable(userData: string): string | undefined {
  if (isMime(userData)) {
    return userData.includes(`--${USER_DATA_BOUNDARY}`) ? `it uses the boundary ${USER_DATA_BOUNDARY}, which the merged message needs` : undefined;
  }
  if (FORMATS.some(([p]) => userData.startsWith(p))) return undefined;
  return `it does not start like cloud-init user data (${FORMATS.map(([p]) => JSON.stringify(p)).join(", ")}, or a MIME message), so cloud-init would ignore it once merged`;
}

function isMime(text: string): boolean {
  return /^(content-type|mime-version):/i.test(text);
}

/**
 * Merges the user's own user data with the library's shell part into one cloud-init multipart MIME
 * message (cloud-init docs, "MIME multi-part archive"): the library's part first, so the network is
 * configured before the user's scripts run, then the user's data with the content type cloud-init
 * would give it on its own. A user MIME message is nested as it is. Without user data, returns the
 * library's part alone. Throws when {@link whyNotMergeable} has a reason.
 */
export function mergeUserData(ours: string, userData?: string): string {
  if (userData === undefined || userData === "") return ours;
  const why = whyNotMergeable(userData);
  if (why !== undefined) throw new Error(`user data cannot be merged: ${why}`);
  const part = (type: string, filename: string, text: string) =>
    [
      `Content-Type: ${type}; charset="utf-8"`,
      "MIME-Version: 1.0",
      "Content-Transfer-Encoding: base64",
      `Content-Disposition: attachment; filename="${filename}"`,
      "",
      wrap(Buffer.from(text, "utf8").toString("base64")),
    ].join("\n");
  const user = isMime(userData) ? userData.replace(/\n+$/, "") : part(FORMATS.find(([p]) => userData.startsWith(p))![1], "user-data", userData);
  return [
    `Content-Type: multipart/mixed; boundary="${USER_DATA_BOUNDARY}"`,
    "MIME-Version: 1.0",
    "",
    `--${USER_DATA_BOUNDARY}`,
    part("text/x-shellscript", "eni-guest-network-install.sh", ours),
    `--${USER_DATA_BOUNDARY}`,
    user,
    `--${USER_DATA_BOUNDARY}--`,
    "",
  ].join("\n");
}

/**
 * True when the alicloud provider would take `text` as base64 already: it sends user_data unchanged
 * when Go's `base64.StdEncoding.DecodeString` accepts it (which skips CR and LF), and base64-encodes
 * it otherwise (terraform-provider-alicloud v1.283.0, resource_alicloud_instance.go).
 */
export function isProviderBase64(text: string): boolean {
  const s = text.replace(/[\r\n]/g, "");
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}

/** The text of user data as the instance receives it (decoded when the provider would take it as base64). */
export function userDataText(userData: string): string {
  return isProviderBase64(userData) ? Buffer.from(userData.replace(/[\r\n]/g, ""), "base64").toString("utf8") : userData;
}

function wrap(b64: string): string {
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join("\n");
}
