import type { PlatformId } from '../../lib/types.ts';

/** What the parts of the connections page may do, handed down from the page. */
export interface PageActions {
  orgId: string;
  canManage: boolean;
  canDisconnect: boolean;
  /** Starts connecting a platform (Connect, Reconnect). */
  connect: (platform: PlatformId) => void;
  connectingPlatform: PlatformId | null;
  /** Re-reads the overview every 2 s for a while (after asking for a sync). */
  pollForAWhile: () => void;
  openPicker: (connectionId: string) => void;
}
