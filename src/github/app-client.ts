// App-level GitHub calls, authenticated as the app itself (JWT): webhook delivery history.
import type { Probot } from "probot";
import type { AppGitHub } from "./actions/reconcile.js";
import { utc } from "./payloads.js";

export function appGitHub(app: Probot): AppGitHub {
  return {
    async listDeliveries(since) {
      const octokit = await app.auth();
      const found: Awaited<ReturnType<AppGitHub["listDeliveries"]>> = [];
      for await (const response of octokit.paginate.iterator("GET /app/hook/deliveries", {
        per_page: 100,
      })) {
        for (const delivery of response.data) {
          const deliveredAt = utc(delivery.delivered_at);
          if (deliveredAt < since) return found;
          found.push({
            id: delivery.id,
            guid: delivery.guid,
            statusCode: delivery.status_code,
            redelivery: delivery.redelivery,
            deliveredAt,
          });
        }
      }
      return found;
    },
    async redeliver(id) {
      const octokit = await app.auth();
      await octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", {
        delivery_id: id,
      });
    },
  };
}
