export * from "./guest-network-spec";
export { renderGuestNetworkScript } from "./render-script";
export { isProviderBase64, mergeUserData, renderGuestNetworkInstaller, USER_DATA_BOUNDARY, userDataText, whyNotMergeable } from "./render-user-data";
export { specFromPlan } from "./spec-from-plan";
export type { SpecInput } from "./spec-from-plan";
